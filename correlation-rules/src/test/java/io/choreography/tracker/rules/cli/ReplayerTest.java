package io.choreography.tracker.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.engine.Definitions;
import io.choreography.tracker.rules.extract.ExtractedEvent;
import io.choreography.tracker.rules.extract.Payload;
import io.choreography.tracker.rules.extract.StepMatch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The replay loop with a stand-in extractor (value {@code {step, trace, id, time}}), independent of the real one. */
class ReplayerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ExtractedEvent extract(RawRecord r) {
    try {
      JsonNode v = JSON.readTree(r.value());
      Instant time = Instant.parse(v.get("time").asText());
      String trace = v.hasNonNull("trace") ? v.get("trace").asText() : null;
      String id = v.get("id").asText();
      return new ExtractedEvent(id, trace, "T", time, new Payload(Payload.Kind.JSON, v.toString()), false,
          List.of(new StepMatch("order-fulfillment", v.get("step").asText(), trace, id, time)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String line(String timestamp, String step, String trace, String id, String time) {
    return "{\"topic\":\"t\",\"partition\":0,\"offset\":1,\"timestamp\":\"" + timestamp + "\",\"headers\":{\"h\":\"x\"},"
        + "\"value\":{\"step\":\"" + step + "\"," + (trace == null ? "" : "\"trace\":\"" + trace + "\",")
        + "\"id\":\"" + id + "\",\"time\":\"" + time + "\"}}";
  }

  @Test
  void shouldReplayRecordsWithTheirTimestampsAsClockAndFireRemainingTimersAtTheEnd() {
    // given
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Replayer replayer = new Replayer(new ProcessDefinitions(List.of(Definitions.orderFulfillment())),
        ReplayerTest::extract, out);
    List<String> lines = List.of(
        line("2026-03-01T10:00:00Z", "order-placed", "A", "a1", "2026-03-01T10:00:00Z"),
        line("2026-03-01T10:00:01Z", "order-placed", "B", "b1", "2026-03-01T10:00:01Z"),
        line("2026-03-01T10:00:02Z", "payment-received", "A", "a2", "2026-03-01T10:00:02Z"),
        line("2026-03-01T10:00:03Z", "payment-received", "A", "a2", "2026-03-01T10:00:02Z"),
        line("2026-03-01T10:00:04Z", "payment-received", null, "x1", "2026-03-01T10:00:04Z"),
        line("2026-03-01T10:20:00Z", "payment-failed", "B", "b2", "2026-03-01T10:20:00Z"));
    // when
    long n = 0;
    for (String l : lines) {
      replayer.accept(JsonlRecords.parse(l, ++n));
    }
    long end = replayer.finish();
    ReplayCommand.printSummary(replayer, end, out);
    // then
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(replayer.instances().get("order-fulfillment/A").status()).isEqualTo(InstanceStatus.STUCK);
    assertThat(replayer.instances().get("order-fulfillment/B").status()).isEqualTo(InstanceStatus.FAILED);
    assertThat(text)
        .contains("2026-03-01T10:00:04Z OPENED UNCORRELATED order-fulfillment/- payment-received")
        .contains("2026-03-01T10:05:01Z OPENED STUCK order-fulfillment/B payment-received: waiting 5m for")
        .contains("2026-03-01T10:20:00Z RESOLVED STUCK order-fulfillment/B payment-received")
        .contains("2026-03-01T10:20:00Z OPENED FAILED order-fulfillment/B payment-failed")
        .contains("2026-03-01T11:00:02Z OPENED STUCK order-fulfillment/A goods-fetched")
        .contains("2026-03-03T10:00:00Z OPENED DEADLINE order-fulfillment/A")
        .contains("2026-03-15T10:00:00Z ESCALATE order-fulfillment/A emit DelayNotice to customer-notifications")
        .contains("duplicates 1");
  }
}
