package io.choreography.tracker.rules.extract;

import static io.choreography.tracker.rules.extract.RecordFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceContextTest {

  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String SPAN_ID = "00f067aa0ba902b7";
  static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";
  static final String OTHER_TRACE_ID = "11111111111111111111111111111111";
  static final String OTHER_TRACEPARENT = "00-" + OTHER_TRACE_ID + "-2222222222222222-00";

  @Test
  void shouldReadTheCreationContextOfTheTraceparentHeader() {
    // given
    var record = record("orders").header("traceparent", TRACEPARENT).header("tracestate", "vendor=value").build();

    // when
    SpanContext context = TraceContext.of(record);

    // then
    assertThat(context.isValid()).isTrue();
    assertThat(context.isRemote()).isTrue();
    assertThat(context.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(context.getSpanId()).isEqualTo(SPAN_ID);
    assertThat(context.isSampled()).isTrue();
    assertThat(context.getTraceState().get("vendor")).isEqualTo("value");
  }

  @Test
  void shouldPreferTheTraceparentHeaderOverTheCloudEventsExtension() {
    // given
    var record = record("orders").header("ce_traceparent", OTHER_TRACEPARENT).header("traceparent", TRACEPARENT)
        .build();

    // when
    SpanContext context = TraceContext.of(record);

    // then
    assertThat(context.getTraceId()).isEqualTo(TRACE_ID);
  }

  @Test
  void shouldFallBackToTheCloudEventsExtensionWithItsOwnTracestate() {
    // given
    var record = record("orders").header("traceparent", "garbage").header("tracestate", "w3c=ignored")
        .header("ce_traceparent", OTHER_TRACEPARENT).header("ce_tracestate", "ce=kept").build();

    // when
    SpanContext context = TraceContext.of(record);

    // then
    assertThat(context.getTraceId()).isEqualTo(OTHER_TRACE_ID);
    assertThat(context.isSampled()).isFalse();
    assertThat(context.getTraceState().get("ce")).isEqualTo("kept");
    assertThat(context.getTraceState().get("w3c")).isNull();
  }

  @Test
  void shouldBeInvalidWithoutATraceContextHeader() {
    // given
    var record = record("orders").header("other", "x").build();

    // when
    SpanContext context = TraceContext.of(record);

    // then
    assertThat(context.isValid()).isFalse();
  }

  @Test
  void shouldStripWhitespaceAndTreatEmptyAsAbsent() {
    // given
    Map<String, String> headers = Map.of("traceparent", "  ", "ce_traceparent", " " + TRACEPARENT + "\t");

    // when
    SpanContext context = TraceContext.of(headers::get);

    // then
    assertThat(context.getTraceId()).isEqualTo(TRACE_ID);
  }

  @Test
  void shouldReadHeadersWithTheGettersPrefix() {
    // given
    Map<String, String> headers = Map.of("traceparent", "a", "ce_traceparent", "b");

    // when / then
    assertThat(HeaderGetter.W3C.get(headers::get, "traceparent")).isEqualTo("a");
    assertThat(HeaderGetter.CLOUD_EVENTS.get(headers::get, "traceparent")).isEqualTo("b");
    assertThat(HeaderGetter.CLOUD_EVENTS.get(headers::get, "tracestate")).isNull();
    assertThat(HeaderGetter.W3C.get(null, "traceparent")).isNull();
    assertThat(HeaderGetter.CLOUD_EVENTS.keys(headers::get)).containsExactly("ce_traceparent", "ce_tracestate");
  }
}
