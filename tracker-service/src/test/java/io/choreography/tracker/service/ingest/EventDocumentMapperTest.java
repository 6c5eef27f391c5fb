package io.choreography.tracker.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.RecordHeader;
import io.choreography.tracker.rules.extract.ExtractedEvent;
import io.choreography.tracker.rules.extract.Payload;
import io.choreography.tracker.rules.extract.StepMatch;
import io.choreography.tracker.service.elasticsearch.IndexDocument;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventDocumentMapperTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long TIMESTAMP = Instant.parse("2026-11-21T23:59:59Z").toEpochMilli();
  private final EventDocumentMapper mapper = new EventDocumentMapper(new IndexNames("tr"), 64);

  @Test
  void shouldNameTheDocumentAfterTheRecordSoThatRedeliveryOverwritesIt() {
    // given
    RawRecord record = record("{}".getBytes(), List.of());

    // when
    IndexDocument first = mapper.map(record, event(new Payload(Payload.Kind.JSON, "{}"), List.of()), Instant.now());
    IndexDocument again = mapper.map(record, event(new Payload(Payload.Kind.JSON, "{}"), List.of()),
        Instant.now().plusSeconds(3600 * 30));

    // then
    assertThat(first.id()).isEqualTo("orders.v1-3-42").isEqualTo(again.id());
    assertThat(first.index()).isEqualTo("tr-events-2026.11.21").isEqualTo(again.index());
  }

  @Test
  void shouldEmbedJsonPayloadsAsObjectsAndTheFirstMatchAsProcessAndStep() {
    // given
    List<StepMatch> matches = List.of(
        new StepMatch("order-fulfillment", "order-placed", "t-1", "e-1", Instant.EPOCH),
        new StepMatch("billing", "invoice-due", null, "e-1", Instant.EPOCH));

    // when
    JsonNode doc = json(mapper.map(record("{\"a\":1}".getBytes(), List.of()),
        event(new Payload(Payload.Kind.JSON, "{\"a\":1}"), matches), Instant.EPOCH));

    // then
    assertThat(doc.path("payload").path("a").asInt()).isEqualTo(1);
    assertThat(doc.path("process").asString()).isEqualTo("order-fulfillment");
    assertThat(doc.path("step").asString()).isEqualTo("order-placed");
    assertThat(doc.path("processes").toString()).isEqualTo("[\"order-fulfillment\",\"billing\"]");
    assertThat(doc.path("matches").get(1).has("traceId")).isFalse();
    assertThat(doc.path("partition").asInt()).isEqualTo(3);
    assertThat(doc.path("offset").asLong()).isEqualTo(42);
  }

  @Test
  void shouldKeepTextPayloadsAsStringsAndTruncateHugeOnes() {
    // given
    String huge = "y".repeat(100);

    // when
    JsonNode text = json(mapper.map(record("not json".getBytes(), List.of()),
        event(new Payload(Payload.Kind.TEXT, "not json"), List.of()), Instant.EPOCH));
    JsonNode truncated = json(mapper.map(record(huge.getBytes(), List.of()),
        event(new Payload(Payload.Kind.JSON, "\"" + huge + "\""), List.of()), Instant.EPOCH));

    // then
    assertThat(text.path("payload").asString()).isEqualTo("not json");
    assertThat(text.path("payloadKind").asString()).isEqualTo("TEXT");
    assertThat(text.has("payloadTruncated")).isFalse();
    assertThat(truncated.path("payloadTruncated").asBoolean()).isTrue();
    assertThat(truncated.path("payload").asString()).hasSize(64);
    assertThat(truncated.path("payloadBytes").asInt()).isEqualTo(100);
  }

  @Test
  void shouldWriteHeadersWithTheLastValueOfARepeatedName() {
    // given
    List<RecordHeader> headers = List.of(RecordHeader.of("x", "first"), RecordHeader.of("x", "last"),
        new RecordHeader("empty", null));

    // when
    JsonNode doc = json(mapper.map(record(null, headers), event(Payload.EMPTY, List.of()), Instant.EPOCH));

    // then
    assertThat(doc.path("headers").path("x").asString()).isEqualTo("last");
    assertThat(doc.path("headers").path("empty").isNull()).isTrue();
    assertThat(doc.has("payload")).isFalse();
    assertThat(doc.path("payloadKind").asString()).isEqualTo("EMPTY");
  }

  @Test
  void shouldCutAHugeHeaderAndLeaveOutHeadersBeyondTheirBudgetSayingSo() {
    // given: one header of 256 K characters, then nine of 8 K
    List<RecordHeader> headers = new java.util.ArrayList<>();
    headers.add(RecordHeader.of("x-huge", "h".repeat(262_144)));
    for (int i = 0; i < 9; i++) {
      headers.add(RecordHeader.of("x-" + i, "v".repeat(8_000)));
    }

    // when
    JsonNode doc = json(mapper.map(record(null, headers), event(Payload.EMPTY, List.of()), Instant.EPOCH));

    // then
    assertThat(doc.path("headers").path("x-huge").asString()).hasSize(EventDocumentMapper.MAX_HEADER_CHARS);
    assertThat(doc.path("headers").has("x-6")).isTrue();
    assertThat(doc.path("headers").has("x-7")).isFalse();
    assertThat(doc.path("problems").toString()).contains("header x-huge cut to 8192 of 262144 characters")
        .contains("headers beyond 65536 characters left out, from x-7");
  }

  @Test
  void shouldNameTheIndexOfATimestampOutsideTheDailyWindowOnce() {
    RawRecord old = new RawRecord("orders", 0, 1, Instant.parse("2000-01-01T00:00:00Z").toEpochMilli(), null,
        List.of(), null);

    assertThat(mapper.map(old, event(Payload.EMPTY, List.of()), Instant.parse("2026-12-01T00:00:00Z")).index())
        .isEqualTo("tr-events-outside-window");
  }

  private static RawRecord record(byte[] value, List<RecordHeader> headers) {
    return new RawRecord("orders.v1", 3, 42, TIMESTAMP, "k".getBytes(StandardCharsets.UTF_8), headers, value);
  }

  private static ExtractedEvent event(Payload payload, List<StepMatch> matches) {
    return new ExtractedEvent("e-1", "t-1", "OrderPlaced", Instant.EPOCH, payload, false, matches);
  }

  private static JsonNode json(IndexDocument doc) {
    return JSON.readTree(doc.json());
  }
}
