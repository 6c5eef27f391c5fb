package io.choreography.tracker.service.ingest;

import io.choreography.tracker.rules.extract.Payload;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of the event-indexing pipeline, exposed at /actuator/prometheus as {@code tracker_events_*_total}.
 */
public final class IngestMetrics {

  final Counter consumed;
  final Counter indexed;
  final Counter failed;
  final Counter unmatched;
  final Counter ignored;
  final Counter uncorrelated;
  final Timer bulk;
  final Counter writes;
  private final Map<Payload.Kind, Counter> nonJson = new EnumMap<>(Payload.Kind.class);

  public IngestMetrics(MeterRegistry registry) {
    consumed = Counter.builder("tracker.events.consumed").description("Records read from business topics")
        .register(registry);
    indexed = Counter.builder("tracker.events.indexed").description("Event documents Elasticsearch accepted")
        .register(registry);
    failed = Counter.builder("tracker.events.failed")
        .description("Records that could not be indexed and went to the dead-letter topic").register(registry);
    unmatched = Counter.builder("tracker.events.unmatched").description("Records that match no process step")
        .register(registry);
    ignored = Counter.builder("tracker.events.ignored")
        .description("Unmatched records not indexed because tracker.unmatched=ignore").register(registry);
    uncorrelated = Counter.builder("tracker.events.uncorrelated")
        .description("Records that match a step but yield no trace id").register(registry);
    // Same meter as the instance and incident writer's, tagged by index kind: writes per consumed event is the
    // sum of tracker_elasticsearch_writes_total over tracker_events_consumed_total.
    writes = Counter.builder("tracker.elasticsearch.writes").tag("index", "events")
        .description("Documents Elasticsearch accepted, by index kind").register(registry);
    bulk = Timer.builder("tracker.elasticsearch.bulk").description("Event bulk writes, retries included")
        .register(registry);
    for (Payload.Kind kind : Payload.Kind.values()) {
      if (kind != Payload.Kind.JSON) {
        nonJson.put(kind, Counter.builder("tracker.events.malformed").tag("kind", kind.name().toLowerCase())
            .description("Records whose value is not JSON (indexed as text, base64 or empty)").register(registry));
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
