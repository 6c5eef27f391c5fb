package io.choreography.tracker.service.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.RecordHeader;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordSpansTest {

  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String SPAN_ID = "00f067aa0ba902b7";

  private final InMemoryTracing tracing = new InMemoryTracing();
  private final RecordSpans spans = new RecordSpans(tracing.tracer(), true, "tracker-indexer");

  @Test
  void shouldFollowTheMessagingConventionsAndLinkToTheCreationContext() {
    // given
    RawRecord record = record(List.of(RecordHeader.of("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-01")),
        "o-1");

    // when
    spans.forwarded(spans.start(record), 2);

    // then
    SpanData span = single();
    assertThat(span.getName()).isEqualTo("process orders");
    assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(span.getParentSpanContext().isValid()).isFalse();
    assertThat(span.getTraceId()).isNotEqualTo(TRACE_ID);
    assertThat(span.getAttributes().get(RecordSpans.SYSTEM)).isEqualTo("kafka");
    assertThat(span.getAttributes().get(RecordSpans.DESTINATION)).isEqualTo("orders");
    assertThat(span.getAttributes().get(RecordSpans.PARTITION)).isEqualTo("3");
    assertThat(span.getAttributes().get(RecordSpans.OPERATION_TYPE)).isEqualTo("process");
    assertThat(span.getAttributes().get(RecordSpans.OFFSET)).isEqualTo(42L);
    assertThat(span.getAttributes().get(RecordSpans.KEY)).isEqualTo("o-1");
    assertThat(span.getAttributes().get(RecordSpans.GROUP)).isEqualTo("tracker-indexer");
    assertThat(span.getAttributes().get(RecordSpans.INTAKE_RECORDS)).isEqualTo(2L);
    assertThat(span.getLinks()).singleElement().satisfies(link -> {
      assertThat(link.getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
      assertThat(link.getSpanContext().getSpanId()).isEqualTo(SPAN_ID);
    });
  }

  @Test
  void shouldLinkToTheCloudEventsTraceparentAndLeaveOutAnAbsentKey() {
    // given
    RawRecord record = record(List.of(RecordHeader.of("ce_traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-00")),
        null);

    // when
    spans.forwarded(spans.start(record), 1);

    // then
    SpanData span = single();
    assertThat(span.getAttributes().get(RecordSpans.KEY)).isNull();
    assertThat(span.getLinks()).singleElement()
        .satisfies(link -> assertThat(link.getSpanContext().getTraceId()).isEqualTo(TRACE_ID));
  }

  @Test
  void shouldHaveNoLinkWithoutAValidTraceparent() {
    // given
    RawRecord record = record(List.of(RecordHeader.of("traceparent", "garbage")), "o-1");

    // when
    spans.forwarded(spans.start(record), 1);

    // then
    assertThat(single().getLinks()).isEmpty();
  }

  @Test
  void shouldMarkADeadLetteredRecordAsAnError() {
    // when
    spans.failed(spans.start(record(List.of(), "o-1")), new IllegalStateException("too big"));

    // then
    SpanData span = single();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
  }

  @Test
  void shouldRecordNothingWhenOff() {
    // given
    RecordSpans off = new RecordSpans(tracing.tracer(), false, "g");

    // when
    Span span = off.start(record(List.of(), "o-1"));
    off.forwarded(span, 1);

    // then
    assertThat(span.isRecording()).isFalse();
    assertThat(tracing.spans()).isEmpty();
    assertThat(RecordSpans.off().start(record(List.of(), "o-1")).isRecording()).isFalse();
  }

  private SpanData single() {
    assertThat(tracing.spans()).hasSize(1);
    return tracing.spans().get(0);
  }

  private static RawRecord record(List<RecordHeader> headers, String key) {
    return new RawRecord("orders", 3, 42, 1_700_000_000_000L, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        headers, "{}".getBytes(StandardCharsets.UTF_8));
  }
}
