package io.choreography.tracker.rules.extract;

import static io.choreography.tracker.rules.extract.ProcessFixture.extractor;
import static io.choreography.tracker.rules.extract.ProcessFixture.header;
import static io.choreography.tracker.rules.extract.ProcessFixture.json;
import static io.choreography.tracker.rules.extract.ProcessFixture.process;
import static io.choreography.tracker.rules.extract.RecordFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceparentExtractionTest {

  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

  private final RecordExtractor extractor = extractor(process("orders")
      .correlation(header("traceparent"), json("/orderId"))
      .step("placed", "orders", "OrderPlaced"));

  @Test
  void shouldReadTheTraceIdOfAValidTraceparent() {
    // given
    var record = record("orders").header("traceparent", TRACEPARENT).value("{\"type\":\"OrderPlaced\"}").build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.traceId()).isEqualTo(TRACE_ID);
    assertThat(event.matches()).singleElement().extracting(StepMatch::traceId).isEqualTo(TRACE_ID);
  }

  @Test
  void shouldAcceptAFutureVersionWithMoreFields() {
    // given
    var record = record("orders").header("traceparent", "01-" + TRACE_ID + "-00f067aa0ba902b7-01-extra")
        .value("{\"type\":\"OrderPlaced\"}").build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.traceId()).isEqualTo(TRACE_ID);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "garbage",
      "00-4bf92f3577b34da6a3ce929d0e0e4736",
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-zz"})
  void shouldIgnoreAMalformedTraceparentAndFallThrough(String traceparent) {
    // given
    var record = record("orders").header("traceparent", traceparent)
        .value("{\"type\":\"OrderPlaced\",\"orderId\":\"o-1\"}").build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.traceId()).isEqualTo("o-1");
  }

  @Test
  void shouldIgnoreAnAllZeroTraceId() {
    // given
    var record = record("orders").header("traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01")
        .value("{\"type\":\"OrderPlaced\"}").build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.traceId()).isNull();
    assertThat(event.matches()).singleElement().extracting(StepMatch::traceId).isNull();
  }

  @Test
  void shouldUseTheLastTraceparentHeader() {
    // given
    var other = "00-11111111111111111111111111111111-00f067aa0ba902b7-01";
    var record = record("orders").header("traceparent", other).header("traceparent", TRACEPARENT)
        .value("{\"type\":\"OrderPlaced\"}").build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.traceId()).isEqualTo(TRACE_ID);
  }

  @Test
  void shouldReadTheCloudEventsTracingExtensionForHeaderTraceparent() {
    // given
    var record = record("orders").header("ce_specversion", "1.0").header("ce_type", "OrderPlaced")
        .header("ce_traceparent", TRACEPARENT).value("{}").build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.traceId()).isEqualTo(TRACE_ID);
  }

  @Test
  void shouldParseCeTraceparentAsTraceContextToo() {
    // given
    var ceExtractor = extractor(process("orders").correlation(header("ce_traceparent"))
        .step("placed", "orders", "OrderPlaced"));
    var record = record("orders").header("ce_type", "OrderPlaced").header("ce_traceparent", TRACEPARENT).build();

    // when
    var event = ceExtractor.extract(record);

    // then
    assertThat(event.traceId()).isEqualTo(TRACE_ID);
  }
}
