package io.choreography.tracker.service.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import tools.jackson.databind.json.JsonMapper;

class StreamClientTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A subscriber that takes only what the test asks for, like a connection that writes when it can. */
  static final class Reader extends BaseSubscriber<String> {

    final List<String> writes = new CopyOnWriteArrayList<>();
    final AtomicBoolean completed = new AtomicBoolean();

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
      // nothing until asked
    }

    @Override
    protected void hookOnNext(String value) {
      writes.add(value);
    }

    @Override
    protected void hookOnComplete() {
      completed.set(true);
    }

    String all() {
      return String.join("", writes);
    }
  }

  @Test
  void shouldEmitOnlyWhatTheConnectionAsksForInOrderAndOnlyMatchingItems() {
    // given
    StreamClient client = new StreamClient(new StreamFilter(null, "p"), 100, Duration.ofSeconds(30), JSON, () -> {});
    Reader reader = new Reader();
    client.events(() -> {}, () -> {}).subscribe(reader);

    // when
    client.offer(item("1", "p"));
    client.offer(item("x", "other"));
    client.offer(item("2", "p"));

    // then: nothing before demand, then everything waiting in one write
    assertThat(reader.writes).isEmpty();
    reader.request(1);
    assertThat(reader.writes).containsExactly("event:event\ndata:{\"n\":\"1\"}\n\nevent:event\ndata:{\"n\":\"2\"}\n\n");
    client.offer(item("3", "p"));
    assertThat(reader.writes).hasSize(1);
    reader.request(1);
    assertThat(reader.writes).hasSize(2).last().isEqualTo("event:event\ndata:{\"n\":\"3\"}\n\n");
  }

  @Test
  void shouldDropAClientThatFallsAWholeBufferBehindWithALastEventAndEndItsStream() {
    // given
    AtomicInteger dropped = new AtomicInteger();
    StreamClient client = new StreamClient(new StreamFilter(null, null), 3, Duration.ofSeconds(30), JSON, () -> {});
    Reader reader = new Reader();
    client.events(dropped::incrementAndGet, () -> {}).subscribe(reader);

    // when
    for (int i = 0; i < 5; i++) {
      client.offer(item(String.valueOf(i), "p"));
    }
    reader.request(10);

    // then
    assertThat(dropped).hasValue(1);
    assertThat(reader.all()).startsWith("event:dropped\ndata:").contains("\"discarded\":3")
        .contains("fell more than 3 events behind").doesNotContain("event:event");
    assertThat(reader.completed).isTrue();
  }

  @Test
  void shouldDropAClientThatReadsNothingForTheStallTimeoutWhileEventsWait() throws Exception {
    // given
    AtomicInteger dropped = new AtomicInteger();
    StreamClient client = new StreamClient(new StreamFilter(null, null), 100, Duration.ofMillis(50), JSON, () -> {});
    Reader reader = new Reader();
    client.events(dropped::incrementAndGet, () -> {}).subscribe(reader);
    client.offer(item("1", "p"));

    // when
    client.heartbeat();
    assertThat(dropped).as("not yet stalled").hasValue(0);
    Thread.sleep(100);
    client.heartbeat();

    // then
    assertThat(dropped).hasValue(1);
    reader.request(1);
    assertThat(reader.all()).startsWith("event:dropped").contains("socket took nothing");
    assertThat(reader.completed).isTrue();
  }

  @Test
  void shouldKeepAClientWhoseSocketTakesWhatWasAskedForEarlierAndDropItOnceItTakesNothing() throws Exception {
    // given: the connection asks for nothing more (it holds earlier writes), while the socket takes them slowly
    AtomicInteger dropped = new AtomicInteger();
    StreamClient client = new StreamClient(new StreamFilter(null, null), 100, Duration.ofMillis(50), JSON, () -> {});
    Reader reader = new Reader();
    client.events(dropped::incrementAndGet, () -> {}).subscribe(reader);
    client.offer(item("1", "p"));

    // when: writes finish more often than the stall timeout
    for (int i = 0; i < 6; i++) {
      Thread.sleep(25);
      client.written();
      client.heartbeat();
    }

    // then: a slow reader, not a stalled one
    assertThat(dropped).hasValue(0);

    // when: the socket takes nothing for longer than the stall timeout
    Thread.sleep(100);
    client.heartbeat();

    // then
    assertThat(dropped).hasValue(1);
  }

  @Test
  void shouldKeepAReadingClientThatIsIdle() throws Exception {
    // given
    AtomicInteger dropped = new AtomicInteger();
    StreamClient client = new StreamClient(new StreamFilter(null, null), 100, Duration.ofMillis(50), JSON, () -> {});
    Reader reader = new Reader();
    client.events(dropped::incrementAndGet, () -> {}).subscribe(reader);
    reader.request(Long.MAX_VALUE);

    // when
    for (int i = 0; i < 3; i++) {
      client.heartbeat();
      Thread.sleep(60);
    }

    // then
    assertThat(dropped).hasValue(0);
    assertThat(reader.writes).containsOnly(":heartbeat\n\n").hasSize(3);
  }

  @Test
  void shouldContinueDataWithALineBreakOnAnotherDataLine() {
    assertThat(StreamClient.frame("instance", "{\n\"a\": 1\r\n}")).isEqualTo(
        "event:instance\ndata:{\ndata:\"a\": 1\ndata:}\n\n");
  }

  private static StreamItem item(String n, String process) {
    return new StreamItem("event", "t-" + n, Set.of(process), "{\"n\":\"" + n + "\"}");
  }
}
