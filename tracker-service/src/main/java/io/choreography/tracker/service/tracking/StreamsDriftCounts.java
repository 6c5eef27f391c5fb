package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.drift.DriftCount;
import io.choreography.tracker.model.drift.DriftCountCodec;
import io.choreography.tracker.rules.drift.DriftCounts;
import org.apache.kafka.streams.state.KeyValueStore;

/** The drift counts in a Kafka Streams store, in the form they are published ({@link DriftCountCodec}). */
final class StreamsDriftCounts implements DriftCounts {

  private final KeyValueStore<String, byte[]> store;

  StreamsDriftCounts(KeyValueStore<String, byte[]> store) {
    this.store = store;
  }

  @Override
  public DriftCount get(String key) {
    byte[] stored = store.get(key);
    return stored == null ? null : DriftCountCodec.decode(stored);
  }

  @Override
  public void put(DriftCount count) {
    store.put(count.key(), DriftCountCodec.encode(count));
  }
}
