package io.choreography.tracker.rules.extract;

import static io.choreography.tracker.rules.extract.ProcessFixture.extractor;
import static io.choreography.tracker.rules.extract.ProcessFixture.header;
import static io.choreography.tracker.rules.extract.ProcessFixture.process;
import static io.choreography.tracker.rules.extract.RecordFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderSourceTest {

  private final RecordExtractor extractor = extractor(process("orders")
      .correlation(header("x-correlation-id"), header("x-request-id"))
      .eventType(header("event-type"))
      .eventId(header("event-id"))
      .step("placed", "orders", "OrderPlaced"));

  @Test
  void shouldReadAHeaderAsUtf8() {
    // given
    var record = record("orders").header("event-type", "OrderPlaced").header("x-correlation-id", "bestellung-ä-1")
        .header("event-id", "e-1").build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.traceId()).isEqualTo("bestellung-ä-1");
    assertThat(event.eventId()).isEqualTo("e-1");
    assertThat(event.type()).isEqualTo("OrderPlaced");
    assertThat(event.matches()).singleElement().extracting(StepMatch::step).isEqualTo("placed");
  }

  @Test
  void shouldUseTheLastHeaderOfThatName() {
    // given
    var record = record("orders").header("event-type", "OrderPlaced")
        .header("x-correlation-id", "first").header("x-correlation-id", "last").build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.traceId()).isEqualTo("last");
  }

  @Test
  void shouldTreatAnEmptyOrNullHeaderAsNoValue() {
    // given
    var record = record("orders").header("event-type", "OrderPlaced")
        .header("x-correlation-id", "").header("x-request-id", (byte[]) null).build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.traceId()).isNull();
    assertThat(event.matches()).singleElement().extracting(StepMatch::traceId).isNull();
  }

  @Test
  void shouldFallThroughToTheNextSourceWhenAHeaderIsAbsent() {
    // given
    var record = record("orders").header("event-type", "OrderPlaced").header("x-request-id", "r-7").build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.traceId()).isEqualTo("r-7");
  }

  @Test
  void shouldFallBackToRecordCoordinatesForTheEventId() {
    // given
    var record = record("orders").at(3, 1234).header("event-type", "OrderPlaced").build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.eventId()).isEqualTo("orders-3-1234");
  }

  @Test
  void shouldRefuseBinaryHeaderValuesAsTraceIdsWithoutThrowing() {
    // given: bytes that decode to replacement and control characters
    var record = record("orders").header("event-type", "OrderPlaced")
        .header("x-correlation-id", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}).build();

    // when
    var event = extractor.extract(record);

    // then: still matched and indexed, but uncorrelated, with the reason
    assertThat(event.matched()).isTrue();
    assertThat(event.traceId()).isNull();
    assertThat(event.problems()).containsExactly("trace id refused: contains a control character at position 2");
  }
}
