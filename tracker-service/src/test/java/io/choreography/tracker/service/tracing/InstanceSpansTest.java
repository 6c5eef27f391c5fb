package io.choreography.tracker.service.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.InstanceSnapshot.ReachedStep;
import io.choreography.tracker.model.InstanceSnapshot.WaitingStep;
import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.model.instances.InstanceDocument;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InstanceSpansTest {

  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private final InMemoryTracing tracing = new InMemoryTracing();
  private final InstanceSpans spans = new InstanceSpans(tracing.tracer(), tracing.ids);

  @Test
  void shouldEmitAnEndedInstanceAsASpanWithAChildPerReachedStepInItsOwnTrace() {
    // given
    InstanceDocument completed = document(TRACE_ID, InstanceStatus.COMPLETED, T0.plusSeconds(9),
        Map.of("paid", 3_000L, "shipped", 5_000L), List.of(), InstanceDocument.Deviations.NONE);

    // when
    SpanContext context = spans.emit(completed);

    // then
    SpanData instance = named("order");
    assertThat(instance.getSpanContext()).isEqualTo(context);
    assertThat(instance.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(instance.getParentSpanContext().isValid()).isFalse();
    assertThat(instance.getStartEpochNanos()).isEqualTo(nanos(T0));
    assertThat(instance.getEndEpochNanos()).isEqualTo(nanos(T0.plusSeconds(9)));
    assertThat(instance.getAttributes().get(InstanceSpans.PROCESS)).isEqualTo("order");
    assertThat(instance.getAttributes().get(InstanceSpans.STATUS)).isEqualTo("COMPLETED");
    assertThat(instance.getAttributes().get(InstanceSpans.TRACE_ID)).isEqualTo(TRACE_ID);
    assertThat(instance.getAttributes().get(InstanceSpans.VERSION)).isEqualTo("1");
    assertThat(instance.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(tracing.spans()).hasSize(4).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(TRACE_ID));
    SpanData placed = named("placed");
    SpanData paid = named("paid");
    SpanData shipped = named("shipped");
    for (SpanData step : List.of(placed, paid, shipped)) {
      assertThat(step.getParentSpanId()).isEqualTo(instance.getSpanId());
      assertThat(step.getAttributes().get(InstanceSpans.STEP)).isEqualTo(step.getName());
      assertThat(step.getAttributes().get(InstanceSpans.EVENT_ID)).isEqualTo("e-" + step.getName());
    }
    // a start step: zero length at its event; the others from expected (reached minus duration) to reached
    assertThat(placed.getStartEpochNanos()).isEqualTo(nanos(T0)).isEqualTo(placed.getEndEpochNanos());
    assertThat(paid.getStartEpochNanos()).isEqualTo(nanos(T0.plusSeconds(1)));
    assertThat(paid.getEndEpochNanos()).isEqualTo(nanos(T0.plusSeconds(4)));
    assertThat(paid.getAttributes().get(InstanceSpans.DURATION)).isEqualTo(3_000L);
    assertThat(shipped.getStartEpochNanos()).isEqualTo(nanos(T0.plusSeconds(4)));
    assertThat(shipped.getEndEpochNanos()).isEqualTo(nanos(T0.plusSeconds(9)));
  }

  @Test
  void shouldStartANewTraceForAnInstanceWhoseTraceIdIsNotAW3cOne() {
    // given
    InstanceDocument byOrderId = document("o-1", InstanceStatus.COMPLETED, T0.plusSeconds(9), Map.of(), List.of(),
        InstanceDocument.Deviations.NONE);

    // when
    SpanContext context = spans.emit(byOrderId);

    // then
    assertThat(context.isValid()).isTrue();
    assertThat(named("order").getAttributes().get(InstanceSpans.TRACE_ID)).isEqualTo("o-1");
    assertThat(tracing.spans()).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(context.getTraceId()));
    // the next root span is random again
    assertThat(tracing.tracer().spanBuilder("other").startSpan().getSpanContext().getTraceId())
        .isNotEqualTo(context.getTraceId());
  }

  @Test
  void shouldRecordIncidentsAsEventsAndAFailureAsAnError() {
    // given
    var deviations = new InstanceDocument.Deviations(List.of(), List.of("paid"), List.of(), "shipped", true);
    InstanceDocument failed = document(TRACE_ID, InstanceStatus.FAILED, T0.plusSeconds(9), Map.of(), List.of(),
        deviations);

    // when
    spans.emit(failed);

    // then
    SpanData instance = named("order");
    assertThat(instance.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(instance.getEvents()).extracting(EventData::getName).containsOnly(InstanceSpans.INCIDENT_EVENT);
    assertThat(instance.getEvents()).extracting(e -> e.getAttributes().get(InstanceSpans.INCIDENT_TYPE))
        .containsExactly("OUT_OF_ORDER", "FAILED", "DEADLINE");
    assertThat(instance.getEvents()).extracting(e -> e.getAttributes().get(InstanceSpans.STEP))
        .containsExactly("paid", "shipped", null);
    assertThat(instance.getEvents()).extracting(EventData::getEpochNanos)
        .containsExactly(nanos(T0.plusSeconds(4)), nanos(T0.plusSeconds(9)), nanos(T0.plusSeconds(9)));
  }

  @Test
  void shouldEndAStuckInstanceWhenItWasPublishedStuckWithItsWaitingStep() {
    // given
    Instant due = T0.plusSeconds(30);
    var deviations = new InstanceDocument.Deviations(List.of("delivered"), List.of(), List.of(), null, false);
    InstanceDocument stuck = document(TRACE_ID, InstanceStatus.STUCK, null, Map.of(),
        List.of(new WaitingStep("delivered", T0.plusSeconds(9), due)), deviations);

    // when
    spans.emit(stuck);

    // then
    SpanData instance = named("order");
    assertThat(instance.getEndEpochNanos()).isEqualTo(nanos(T0.plusSeconds(31)));
    assertThat(instance.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(instance.getAttributes().get(InstanceSpans.WAITING_FOR)).containsExactly("delivered");
    assertThat(instance.getEvents()).singleElement().satisfies(e -> {
      assertThat(e.getAttributes().get(InstanceSpans.INCIDENT_TYPE)).isEqualTo("STUCK");
      assertThat(e.getEpochNanos()).isEqualTo(nanos(due));
    });
  }

  /** Steps placed at T0, paid at T0+4 s, shipped at T0+9 s; published at T0+31 s. */
  static InstanceDocument document(String traceId, InstanceStatus status, Instant endedAt, Map<String, Long> durations,
      List<WaitingStep> waiting, InstanceDocument.Deviations deviations) {
    Map<String, ReachedStep> steps = new LinkedHashMap<>();
    steps.put("placed", new ReachedStep(T0, "e-placed"));
    steps.put("paid", new ReachedStep(T0.plusSeconds(4), "e-paid"));
    steps.put("shipped", new ReachedStep(T0.plusSeconds(9), "e-shipped"));
    return new InstanceDocument("order", "1", traceId, status, T0, endedAt, T0.plusSeconds(31), steps, waiting,
        List.of(), List.of(), durations, deviations);
  }

  private SpanData named(String name) {
    return tracing.spans().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  private static long nanos(Instant t) {
    return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
  }
}
