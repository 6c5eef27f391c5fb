package io.choreography.tracker.service.tracing;

import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.InstanceSnapshot;
import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.model.instances.InstanceDocument;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A process instance as a trace (docs/tracing.md): one span for the instance, from its first event to its end (or,
 * for a STUCK one, to when it was published stuck), with a child span per reached step, from when the step became
 * expected to when it was reached (a step with no predecessor, or reached before them: zero length at its event),
 * and its incidents as span events. The instance span is a root in the instance's own trace when its trace id is a
 * W3C trace id (the {@code traceparent} it was correlated by), else in a new trace.
 */
final class InstanceSpans {

  static final AttributeKey<String> PROCESS = AttributeKey.stringKey("tracker.process");
  static final AttributeKey<String> VERSION = AttributeKey.stringKey("tracker.process.version");
  static final AttributeKey<String> TRACE_ID = AttributeKey.stringKey("tracker.instance.trace_id");
  static final AttributeKey<String> STATUS = AttributeKey.stringKey("tracker.instance.status");
  static final AttributeKey<Long> STEPS_REACHED = AttributeKey.longKey("tracker.instance.steps_reached");
  static final AttributeKey<List<String>> OPEN_INCIDENTS =
      AttributeKey.stringArrayKey("tracker.instance.open_incidents");
  static final AttributeKey<List<String>> WAITING_FOR = AttributeKey.stringArrayKey("tracker.instance.waiting_for");
  static final AttributeKey<String> STEP = AttributeKey.stringKey("tracker.step");
  static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("tracker.step.event_id");
  static final AttributeKey<Long> DURATION = AttributeKey.longKey("tracker.step.duration_ms");
  static final AttributeKey<String> INCIDENT_TYPE = AttributeKey.stringKey("tracker.incident.type");
  static final String INCIDENT_EVENT = "tracker.incident";

  private final Tracer tracer;
  private final InstanceTraceIds ids;

  InstanceSpans(Tracer tracer, InstanceTraceIds ids) {
    this.tracer = tracer;
    this.ids = ids;
  }

  /** Whether that published state is one to emit as a trace: an ended instance or a STUCK one. */
  static boolean traced(InstanceStatus status) {
    return status.ended() || status == InstanceStatus.STUCK;
  }

  /** Emits the instance's spans; answers the instance span's context. */
  SpanContext emit(InstanceDocument d) {
    Instant end = end(d);
    Instant start = d.startedAt() == null || d.startedAt().isAfter(end) ? end : d.startedAt();
    SpanBuilder builder = tracer.spanBuilder(d.process())
        .setSpanKind(SpanKind.INTERNAL)
        .setNoParent()
        .setStartTimestamp(start)
        .setAttribute(PROCESS, d.process())
        .setAttribute(TRACE_ID, d.traceId())
        .setAttribute(STATUS, d.status().name())
        .setAttribute(STEPS_REACHED, (long) d.steps().size());
    if (d.version() != null) {
      builder.setAttribute(VERSION, d.version());
    }
    if (!d.openIncidents().isEmpty()) {
      builder.setAttribute(OPEN_INCIDENTS, d.openIncidents());
    }
    if (!d.waitingFor().isEmpty()) {
      builder.setAttribute(WAITING_FOR, d.waitingFor().stream().map(InstanceSnapshot.WaitingStep::step).toList());
    }
    Span instance = InstanceTraceIds.w3c(d.traceId()) ? ids.inTrace(d.traceId(), builder::startSpan)
        : builder.startSpan();
    Context parent = Context.root().with(instance);
    for (Map.Entry<String, InstanceSnapshot.ReachedStep> e : d.steps().entrySet()) {
      step(d, e.getKey(), e.getValue(), parent, start);
    }
    incidents(d, instance, end);
    if (d.status() == InstanceStatus.FAILED || d.status() == InstanceStatus.STUCK) {
      instance.setStatus(StatusCode.ERROR, d.status().name());
    }
    instance.end(end);
    return instance.getSpanContext();
  }

  private void step(InstanceDocument d, String step, InstanceSnapshot.ReachedStep reached, Context parent,
      Instant instanceStart) {
    Instant at = reached.reachedAt() == null ? instanceStart : reached.reachedAt();
    Long took = d.stepDurationsMs().get(step);
    Instant from = took == null ? at : at.minusMillis(took);
    SpanBuilder child = tracer.spanBuilder(step)
        .setParent(parent)
        .setSpanKind(SpanKind.INTERNAL)
        .setStartTimestamp(from.isBefore(instanceStart) ? instanceStart : from)
        .setAttribute(PROCESS, d.process())
        .setAttribute(STEP, step);
    if (reached.eventId() != null) {
      child.setAttribute(EVENT_ID, reached.eventId());
    }
    if (took != null) {
      child.setAttribute(DURATION, took);
    }
    child.startSpan().end(at);
  }

  /** Every deviation the instance has had, at the time it happened where the document tells it, else at the end. */
  private static void incidents(InstanceDocument d, Span instance, Instant end) {
    InstanceDocument.Deviations deviations = d.deviations();
    for (String step : deviations.stuck()) {
      Instant due = d.waitingFor().stream().filter(w -> w.step().equals(step) && w.due() != null)
          .map(InstanceSnapshot.WaitingStep::due).findFirst().orElse(end);
      incident(instance, IncidentType.STUCK, step, due, end);
    }
    for (String step : deviations.outOfOrder()) {
      incident(instance, IncidentType.OUT_OF_ORDER, step, reachedAt(d, step, end), end);
    }
    for (String step : deviations.unexpected()) {
      incident(instance, IncidentType.UNEXPECTED, step, reachedAt(d, step, end), end);
    }
    if (deviations.failed() != null) {
      incident(instance, IncidentType.FAILED, deviations.failed(), reachedAt(d, deviations.failed(), end), end);
    }
    if (deviations.deadline()) {
      incident(instance, IncidentType.DEADLINE, null, end, end);
    }
  }

  private static void incident(Span instance, IncidentType type, String step, Instant at, Instant end) {
    Attributes attributes = step == null ? Attributes.of(INCIDENT_TYPE, type.name())
        : Attributes.of(INCIDENT_TYPE, type.name(), STEP, step);
    instance.addEvent(INCIDENT_EVENT, attributes, at.isAfter(end) ? end : at);
  }

  private static Instant reachedAt(InstanceDocument d, String step, Instant otherwise) {
    InstanceSnapshot.ReachedStep reached = d.steps().get(step);
    return reached == null || reached.reachedAt() == null ? otherwise : reached.reachedAt();
  }

  /** When an ended instance ended; for a STUCK one, when it was published so. */
  private static Instant end(InstanceDocument d) {
    if (d.status().ended() && d.endedAt() != null) {
      return d.endedAt();
    }
    return d.updatedAt() != null ? d.updatedAt() : Instant.now();
  }
}
