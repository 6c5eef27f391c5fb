package io.choreography.tracker.service.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class IncidentFanOutTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  /** A sink that delivers only when told to, and only the events it wants. */
  private static final class HeldSink implements IncidentSink {
    final String type;
    final List<IncidentEvent> handed = new ArrayList<>();
    final List<CompletableFuture<Void>> pending = new ArrayList<>();
    final AtomicInteger revoked = new AtomicInteger();

    HeldSink(String type) {
      this.type = type;
    }

    @Override
    public boolean wants(IncidentEvent event) {
      return event.type().equals(type);
    }

    @Override
    public CompletableFuture<Void> submit(IncidentEvent event) {
      handed.add(event);
      CompletableFuture<Void> f = new CompletableFuture<>();
      pending.add(f);
      return f;
    }

    @Override
    public void partitionsRevoked() {
      revoked.incrementAndGet();
    }

    @Override
    public void start() {}

    @Override
    public void stop() {}
  }

  @Test
  void shouldBeDoneWithABatchOnlyOnceEverySinkDeliveredItsShare() {
    // given
    HeldSink opened = new HeldSink(IncidentEvent.OPENED);
    HeldSink resolved = new HeldSink(IncidentEvent.RESOLVED);
    IncidentFanOut fanOut = new IncidentFanOut(List.of(opened, resolved));

    // when a batch with an opening, a resolution and a record that is no incident event
    CompletableFuture<?> done = fanOut.deliver(List.of(
        record(0, TestIncidentEvents.stuck("OPENED", "a", NOW).json()),
        record(1, "not json".getBytes(StandardCharsets.UTF_8)),
        record(2, TestIncidentEvents.stuck("RESOLVED", "b", NOW).json())));

    // then each sink got its own share, the bad record was skipped, and the batch waits for both deliveries
    assertThat(opened.handed).extracting(IncidentEvent::incidentId)
        .containsExactly("order-fulfillment/a/STUCK/payment-received");
    assertThat(resolved.handed).extracting(IncidentEvent::incidentId)
        .containsExactly("order-fulfillment/b/STUCK/payment-received");
    opened.pending.get(0).complete(null);
    assertThat(done).isNotDone();
    resolved.pending.get(0).complete(null);
    assertThat(done).isDone();
  }

  @Test
  void shouldBeDoneAtOnceWithABatchNoSinkWants() {
    // given
    HeldSink updated = new HeldSink(IncidentEvent.UPDATED);
    IncidentFanOut fanOut = new IncidentFanOut(List.of(updated));

    // when
    CompletableFuture<?> done = fanOut.deliver(List.of(record(0, TestIncidentEvents.stuck("OPENED", "a", NOW).json())));
    fanOut.partitionsRevoked();

    // then
    assertThat(done).isDone();
    assertThat(updated.handed).isEmpty();
    assertThat(updated.revoked).hasValue(1);
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
    return new ConsumerRecord<>("tracker.incidents", 0, offset, null, value);
  }
}
