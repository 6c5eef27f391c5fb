package io.choreography.tracker.service.ingest;

import io.choreography.tracker.rules.extract.ExtractedEvent;
import io.choreography.tracker.rules.extract.Payload;
import io.choreography.tracker.rules.extract.StepMatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counters of the event-indexing pipeline, exposed at /actuator/prometheus as {@code tracker_events_*_total}.
 */
public final class IngestMetrics {

  final Counter consumed;
  final Counter failed;
  final Counter unmatched;
  final Counter ignored;
  final Counter uncorrelated;
  final Counter forwarded;
  final Counter unread;
  private final Map<Payload.Kind, Counter> nonJson = new EnumMap<>(Payload.Kind.class);
  private final Map<String, Counter> refused = new HashMap<>();

  public IngestMetrics(MeterRegistry registry) {
    consumed = Counter.builder("tracker.events.consumed").description("Records read from business topics")
        .register(registry);
    forwarded = Counter.builder("tracker.events.forwarded")
        .description("Records written to the intake topic, for indexing and tracking (one per trace a record belongs to)")
        .register(registry);
    unread = Counter.builder("tracker.events.unread")
        .description("Offsets of business topics the broker deleted (retention) before the tracker read them,"
            + " found when a partition is assigned: their events are neither indexed nor tracked")
        .register(registry);
    for (String value : List.of("trace_id", "type", "event_id")) {
      refused.put(value, Counter.builder("tracker.events.refused").tag("value", value)
          .description("Values of records the tracker could not use as they were: refused trace ids (the event is"
              + " uncorrelated), overlong types (ignored) and event ids (replaced by a digest)")
          .register(registry));
    }
    failed = Counter.builder("tracker.events.failed")
        .description("Records that could not be indexed or forwarded and went to the dead-letter topic")
        .register(registry);
    unmatched = Counter.builder("tracker.events.unmatched").description("Records that match no process step")
        .register(registry);
    ignored = Counter.builder("tracker.events.ignored")
        .description("Unmatched records not indexed because tracker.unmatched=ignore").register(registry);
    uncorrelated = Counter.builder("tracker.events.uncorrelated")
        .description("Records that match a step but yield no trace id").register(registry);
    for (Payload.Kind kind : Payload.Kind.values()) {
      if (kind != Payload.Kind.JSON) {
        nonJson.put(kind, Counter.builder("tracker.events.malformed").tag("kind", kind.name().toLowerCase())
            .description("Records whose value is not JSON (indexed as text, base64 or empty)").register(registry));
      }
    }
  }

  /** Counts what extraction found in one record. */
  void extracted(ExtractedEvent event) {
    consumed.increment();
    payload(event.payload().kind());
    for (String problem : event.problems()) {
      refused.get(problem.startsWith("trace id") ? "trace_id" : problem.startsWith("type") ? "type" : "event_id")
          .increment();
    }
    if (!event.matched()) {
      unmatched.increment();
      return;
    }
    for (StepMatch m : event.matches()) {
      if (m.traceId() == null) {
        uncorrelated.increment();
        return;
      }
    }
  }

  void payload(Payload.Kind kind) {
    Counter c = nonJson.get(kind);
    if (c != null) {
      c.increment();
    }
  }
}
