package io.choreography.tracker.service.indexing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code tracker.elasticsearch.writes{index=events|instances|incidents}}: documents Elasticsearch accepted, so that
 * writes per consumed event is a ratio of two Prometheus counters; and the other counters of the Elasticsearch writers.
 */
public final class IndexWrites {

  private final Map<StateKind, Counter> writes = new EnumMap<>(StateKind.class);
  private final Counter rejected;
  private final Counter malformed;
  final Counter eventsIndexed;
  final Counter eventsDeadLettered;
  final Timer bulk;

  public IndexWrites(MeterRegistry registry) {
    for (StateKind kind : StateKind.values()) {
      writes.put(kind, Counter.builder("tracker.elasticsearch.writes").tag("index", kind.tag)
          .description("Documents Elasticsearch accepted, by index kind").register(registry));
    }
    rejected = Counter.builder("tracker.indexing.rejected")
        .description("Instance and incident documents Elasticsearch refused for good").register(registry);
    malformed = Counter.builder("tracker.indexing.malformed")
        .description("Records of the tracker's own topics that are not in the agreed format").register(registry);
    eventsIndexed = Counter.builder("tracker.events.indexed").description("Event documents Elasticsearch accepted")
        .register(registry);
    eventsDeadLettered = Counter.builder("tracker.events.failed")
        .description("Records that could not be indexed or forwarded and went to the dead-letter topic")
        .register(registry);
    bulk = Timer.builder("tracker.elasticsearch.bulk").description("Event bulk writes, retries included")
        .register(registry);
  }

  void written(StateKind kind, int count) {
    writes.get(kind).increment(count);
  }

  void rejected() {
    rejected.increment();
  }

  void malformed() {
    malformed.increment();
  }
}
