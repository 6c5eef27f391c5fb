package io.choreography.tracker.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.choreography.tracker.rules.definition.DefinitionLoader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the real loader and extractor and the bundled definition. Skipped (not failed) while the
 * loader or extractor of this build is still a placeholder.
 */
class ReplayCommandTest {

  @TempDir
  Path dir;

  private static boolean loaderAndExtractorAvailable(Path defs) {
    try {
      var d = DefinitionLoader.loadDirectory(defs);
      new io.choreography.tracker.rules.extract.RecordExtractor(d)
          .extract(JsonlRecords.parse("{\"topic\":\"x\",\"timestamp\":0}", 1));
      return true;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  @Test
  void shouldPrintInstanceOutcomesAndIncidentsOfARecordedFile() throws Exception {
    // given
    Path defs = Files.createDirectory(dir.resolve("defs"));
    try (InputStream yaml = getClass().getClassLoader()
        .getResourceAsStream(DefinitionLoader.BUNDLED_EXAMPLES + "order-fulfillment.yaml")) {
      Files.write(defs.resolve("order-fulfillment.yaml"), yaml.readAllBytes());
    }
    assumeTrue(loaderAndExtractorAvailable(defs), "DefinitionLoader/RecordExtractor not merged yet");
    Path events = dir.resolve("events.jsonl");
    Files.writeString(events, String.join("\n",
        record("orders", 0, "2026-03-01T10:00:00Z", "OrderPlaced", "o-1", "A"),
        record("payments", 1, "2026-03-01T10:00:05Z", "PaymentReceived", "p-1", "A"),
        record("inventory", 2, "2026-03-01T10:00:09Z", "GoodsFetched", "g-1", "A"),
        record("shipping", 3, "2026-03-01T10:01:00Z", "GoodsShipped", "s-1", "A"),
        record("orders", 4, "2026-03-01T10:00:00Z", "OrderPlaced", "o-2", "B")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    // when
    int code = new ReplayCommand().run(List.of("--definitions", defs.toString(), events.toString()),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    // then
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(text).contains("order-fulfillment/A COMPLETED")
        .contains("OPENED STUCK order-fulfillment/B payment-received")
        .contains("order-fulfillment/B STUCK");
  }

  @Test
  void shouldPrintOneJsonObjectPerLineForTools() throws Exception {
    // given
    Path defs = Files.createDirectory(dir.resolve("defs"));
    try (InputStream yaml = getClass().getClassLoader()
        .getResourceAsStream(DefinitionLoader.BUNDLED_EXAMPLES + "order-fulfillment.yaml")) {
      Files.write(defs.resolve("order-fulfillment.yaml"), yaml.readAllBytes());
    }
    Path events = dir.resolve("events.jsonl");
    Files.writeString(events, record("orders", 0, "2026-03-01T10:00:00Z", "OrderPlaced", "o-2", "B"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    // when
    int code = new ReplayCommand().run(List.of("--definitions", defs.toString(), "--output", "jsonl",
        events.toString()), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    // then
    assertThat(code).isZero();
    List<com.fasterxml.jackson.databind.JsonNode> lines = new java.util.ArrayList<>();
    for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(l));
    }
    assertThat(lines.get(0).path("change").asText()).isEqualTo("OPENED");
    assertThat(lines.get(0).path("incident").path("type").asText()).isEqualTo("STUCK");
    assertThat(lines.get(0).path("incident").path("step").asText()).isEqualTo("payment-received");
    assertThat(lines).anySatisfy(l -> assertThat(l.path("instance").path("status").asText()).isEqualTo("STUCK"));
    assertThat(lines.get(lines.size() - 1).path("summary").path("records").asLong()).isEqualTo(1);
  }

  private static String record(String topic, long offset, String time, String type, String id, String order) {
    return "{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":" + offset + ",\"timestamp\":\"" + time
        + "\",\"key\":\"" + order + "\",\"headers\":{},\"value\":{\"orderId\":\"" + order + "\",\"type\":\"" + type
        + "\",\"eventId\":\"" + id + "\",\"occurredAt\":\"" + time + "\"}}";
  }

  @Test
  void shouldExplainUsageWhenArgumentsAreMissing() {
    // given
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    // when
    int code = new ReplayCommand().run(List.of("--definitions"), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    // then
    assertThat(code).isEqualTo(Command.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: replay --definitions <dir> [--retention <duration>] [--output text|jsonl] <events.jsonl>");
  }

  @Test
  void shouldRejectARetentionThatIsNotADuration() {
    // given
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    // when
    int code = new ReplayCommand().run(List.of("--definitions", dir.toString(), "--retention", "soon", "x.jsonl"),
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    // then
    assertThat(code).isEqualTo(Command.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("invalid duration 'soon' for '--retention'");
  }
}
