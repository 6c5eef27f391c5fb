package io.choreography.tracker.service.tracking;

import io.choreography.tracker.rules.tracking.state.mutable.MutableUncorrelatedCounts;
import org.apache.kafka.streams.state.KeyValueStore;

/** The UNCORRELATED counts in a Kafka Streams store: {@code process/step} to the count. */
final class StreamsUncorrelatedCounts implements MutableUncorrelatedCounts {

  private final KeyValueStore<String, Long> store;

  StreamsUncorrelatedCounts(KeyValueStore<String, Long> store) {
    this.store = store;
  }

  @Override
  public long count(String process, String step) {
    Long count = store.get(process + "/" + step);
    return count == null ? 0 : count;
  }

  @Override
  public void put(String process, String step, long count) {
    store.put(process + "/" + step, count);
  }
}
