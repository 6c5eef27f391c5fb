package io.choreography.tracker.rules.extract;

import static io.choreography.tracker.rules.extract.ProcessFixture.extractor;
import static io.choreography.tracker.rules.extract.ProcessFixture.json;
import static io.choreography.tracker.rules.extract.ProcessFixture.process;
import static io.choreography.tracker.rules.extract.RecordFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Ids the tracker cannot file anything under are refused where records enter, with a reason, never silently. */
class ExtractionLimitsTest {

  private static final RecordExtractor ORDERS =
      extractor(process("orders").correlation(json("/orderId")).step("placed", "orders", "OrderPlaced"));

  private static ExtractedEvent extract(String payload) {
    return ORDERS.extract(record("orders").value(payload).build());
  }

  @Test
  void shouldRefuseAnOverlongTraceIdAndKeepTheMatchAsUncorrelated() {
    // when
    var event = extract("{\"orderId\":\"" + "h".repeat(40_000) + "\",\"type\":\"OrderPlaced\"}");

    // then
    assertThat(event.matches()).singleElement().satisfies(m -> assertThat(m.traceId()).isNull());
    assertThat(event.traceId()).isNull();
    assertThat(event.problems()).containsExactly("trace id refused: longer than 256 characters (40000)");
  }

  @Test
  void shouldRefuseBlankAndControlCharacterTraceIds() {
    assertThat(extract("{\"orderId\":\"   \",\"type\":\"OrderPlaced\"}").problems())
        .containsExactly("trace id refused: empty or blank");
    assertThat(extract("{\"orderId\":\"a\\u0000b\",\"type\":\"OrderPlaced\"}").problems())
        .containsExactly("trace id refused: contains a control character at position 1");
  }

  @Test
  void shouldKeepPathCharactersInTraceIds() {
    var event = extract("{\"orderId\":\"a/b\\\\c;d%e\",\"type\":\"OrderPlaced\"}");

    assertThat(event.traceId()).isEqualTo("a/b\\c;d%e");
    assertThat(event.problems()).isEmpty();
  }

  @Test
  void shouldTreatAnOverlongTypeAsAbsent() {
    // when
    var event = extract("{\"orderId\":\"o-1\",\"type\":\"" + "T".repeat(40_000) + "\"}");

    // then
    assertThat(event.matched()).isFalse();
    assertThat(event.type()).isNull();
    assertThat(event.traceId()).as("still found by a trace search").isEqualTo("o-1");
    assertThat(event.problems()).containsExactly("type ignored: longer than 256 characters (40000)");
  }

  @Test
  void shouldReplaceAnOverlongEventIdByItsDigest() {
    // when
    var first = extract("{\"orderId\":\"o-1\",\"type\":\"OrderPlaced\",\"id\":\"" + "e".repeat(1_000) + "\"}");
    var same = extract("{\"orderId\":\"o-1\",\"type\":\"OrderPlaced\",\"id\":\"" + "e".repeat(1_000) + "\"}");
    var other = extract("{\"orderId\":\"o-1\",\"type\":\"OrderPlaced\",\"id\":\"" + "e".repeat(999) + "f\"}");

    // then
    assertThat(first.eventId()).startsWith("sha256:").hasSize(7 + 64).isEqualTo(same.eventId())
        .isNotEqualTo(other.eventId());
    assertThat(first.matches().get(0).eventId()).isEqualTo(first.eventId());
    assertThat(first.problems()).containsExactly(
        "event id replaced by its SHA-256: longer than 256 characters (1000)");
  }

  @Test
  void shouldReportNothingForOrdinaryRecords() {
    assertThat(extract("{\"orderId\":\"o-1\",\"type\":\"OrderPlaced\"}").problems()).isEmpty();
  }
}
