package io.choreography.tracker.service.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.drift.DriftCount;
import io.choreography.tracker.model.drift.DriftCountCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;

class TrackingDriftTopologyTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void shouldPublishTheDriftCountOfATypeNoStepModelsOnTheTraceOfAnInstance() throws Exception {
    try (TopologyHarness h = new TopologyHarness(T0)) {
      TestOutputTopic<String, String> drift = h.output(TrackingProperties.defaults().driftTopic());
      h.send("orders", "k", "Placed", "e1", "order-1", T0);
      h.send("payments", "k", "Refunded", "e2", "order-1", T0.plusMillis(100));
      h.send("payments", "k", "Refunded", "e3", "order-1", T0.plusMillis(300));
      // no instance on this trace, and no trace at all: not drift of any process
      h.send("payments", "k", "Refunded", "e4", "order-unknown", T0.plusMillis(400));
      h.send("payments", "k", "Refunded", "e5", null, T0.plusMillis(500));

      List<org.apache.kafka.streams.test.TestRecord<String, String>> records = drift.readRecordsToList();
      assertThat(records).hasSize(2);
      DriftCount latest = DriftCountCodec.decode(records.get(1).value().getBytes(StandardCharsets.UTF_8));
      assertThat(records.get(1).key()).isEqualTo(latest.key()).startsWith("shipment/payments/Refunded/");
      assertThat(latest.count()).isEqualTo(2);
      assertThat(latest.firstSeen()).isEqualTo(T0.plusMillis(100).toEpochMilli());
      assertThat(latest.lastSeen()).isEqualTo(T0.plusMillis(300).toEpochMilli());
      assertThat(latest.exampleTraceId()).isEqualTo("order-1");
      assertThat(latest.suggestedStepId()).isEqualTo("refunded");
      assertThat(latest.suggestedAfter()).containsExactly("placed");
      assertThat(new String(records.get(1).headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
          .isEqualTo(DriftCountCodec.CONTENT_TYPE);
      // an unmodelled event changes nothing the instance shows
      assertThat(h.instanceChanges()).hasSize(1);
    }
  }
}
