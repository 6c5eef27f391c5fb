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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    return line(timestamp, null, step, trace, id, time);
  }

  private static String line(String timestamp, String readAt, String step, String trace, String id, String time) {
    return "{\"topic\":\"t\",\"partition\":0,\"offset\":1,\"timestamp\":\"" + timestamp + "\","
        + (readAt == null ? "" : "\"readAt\":\"" + readAt + "\",") + "\"headers\":{\"h\":\"x\"},"
        + "\"value\":{\"step\":\"" + step + "\"," + (trace == null ? "" : "\"trace\":\"" + trace + "\",")
        + "\"id\":\"" + id + "\",\"time\":\"" + time + "\"}}";
  }

  /** Replays the lines as the command does (verdict times from a first pass), summary included. */
  private static Replayer replay(List<String> lines, PrintStream out) {
    ReplayReport report = ReplayReport.of("text", out);
    Replayer replayer = new Replayer(new ProcessDefinitions(List.of(Definitions.orderFulfillment())),
        Duration.ofHours(1), ReplayerTest::extract, report);
    List<JsonlRecords.Line> parsed = new ArrayList<>();
    for (String l : lines) {
      parsed.add(JsonlRecords.parseLine(l, parsed.size() + 1));
    }
    long[] later = ReplayCommand.suffixMinima(parsed.stream().mapToLong(l -> l.record().timestamp()).toArray());
    for (int i = 0; i < parsed.size(); i++) {
      replayer.accept(parsed.get(i).record(), Math.min(parsed.get(i).readAt(), later[i]));
    }
    report.finished(replayer, replayer.finish());
    return replayer;
  }

  @Test
  void shouldReplayRecordsWithTheirTimestampsAsClockAndFireRemainingTimersAtTheEnd() {
    // given
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    List<String> lines = List.of(
        line("2026-03-01T10:00:00Z", "order-placed", "A", "a1", "2026-03-01T10:00:00Z"),
        line("2026-03-01T10:00:01Z", "order-placed", "B", "b1", "2026-03-01T10:00:01Z"),
        line("2026-03-01T10:00:02Z", "payment-received", "A", "a2", "2026-03-01T10:00:02Z"),
        line("2026-03-01T10:00:03Z", "payment-received", "A", "a2", "2026-03-01T10:00:02Z"),
        line("2026-03-01T10:00:04Z", "payment-received", null, "x1", "2026-03-01T10:00:04Z"),
        line("2026-03-01T10:20:00Z", "payment-failed", "B", "b2", "2026-03-01T10:20:00Z"));
    // when
    Replayer replayer = replay(lines, out);
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

  @Test
  void shouldHoldVerdictsUntilEveryRecordWithAnEarlierTimestampWasReadWhenTheTrackerLagged() {
    // given: the payment arrived at 10:04 but was read at 10:10, after A's payment was due (10:05)
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    List<String> lines = List.of(
        line("2026-03-01T10:00:00Z", null, "order-placed", "A", "a1", "2026-03-01T10:00:00Z"),
        line("2026-03-01T10:04:00Z", "2026-03-01T10:10:00Z", "payment-received", "A", "a2",
            "2026-03-01T10:04:00Z"),
        line("2026-03-01T10:00:00Z", null, "order-placed", "B", "b1", "2026-03-01T10:00:00Z"),
        line("2026-03-01T10:30:00Z", "2026-03-01T10:06:00Z", "payment-received", "B", "b2",
            "2026-03-01T10:30:00Z"));
    // when
    replay(lines, out);
    // then: A was not stuck (its payment arrived in time); B was, and the verdict came when B's payment was read
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("OPENED STUCK order-fulfillment/A payment-received")
        .contains("2026-03-01T10:05:00Z OPENED STUCK order-fulfillment/B payment-received")
        .contains("2026-03-01T10:30:00Z RESOLVED STUCK order-fulfillment/B payment-received");
  }

  @Test
  void shouldMeasureTheReorderWindowBetweenArrivalsNotReadTimes() {
    // given: goods-fetched arrived 10 s before payment-received, which was read 5 minutes later
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    List<String> lines = List.of(
        line("2026-03-01T10:00:00Z", null, "order-placed", "A", "a1", "2026-03-01T10:00:00Z"),
        line("2026-03-01T10:00:10Z", null, "goods-fetched", "A", "a3", "2026-03-01T10:00:09Z"),
        line("2026-03-01T10:00:20Z", "2026-03-01T10:05:20Z", "payment-received", "A", "a2",
            "2026-03-01T10:00:05Z"));
    // when
    Replayer replayer = replay(lines, out);
    // then
    assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("OUT_OF_ORDER").contains("reordered 1");
    assertThat(replayer.instances().get("order-fulfillment/A").steps())
        .containsKeys("order-placed", "payment-received", "goods-fetched");
  }
}
