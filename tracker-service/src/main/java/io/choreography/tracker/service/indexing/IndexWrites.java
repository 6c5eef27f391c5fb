package io.choreography.tracker.service.indexing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code tracker.elasticsearch.writes{index=instances|incidents}}: documents Elasticsearch accepted (the events
 * indexer counts {@code index=events}), so that writes per consumed event is a ratio of two Prometheus counters.
 */
public final class IndexWrites {

  private final Map<StateKind, Counter> writes = new EnumMap<>(StateKind.class);
  private final Counter rejected;
  private final Counter malformed;

  public IndexWrites(MeterRegistry registry) {
    for (StateKind kind : StateKind.values()) {
      writes.put(kind, Counter.builder("tracker.elasticsearch.writes").tag("index", kind.tag)
          .description("Documents Elasticsearch accepted, by index kind").register(registry));
    }
    rejected = Counter.builder("tracker.indexing.rejected")
        .description("Instance and incident documents Elasticsearch refused for good").register(registry);
    malformed = Counter.builder("tracker.indexing.malformed")
        .description("Records of the tracker's own topics that are not in the agreed format").register(registry);
  }

  void written(StateKind kind) {
    writes.get(kind).increment();
  }

  void rejected() {
    rejected.increment();
  }

  void malformed() {
    malformed.increment();
  }
}
