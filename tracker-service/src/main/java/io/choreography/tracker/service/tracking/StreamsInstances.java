package io.choreography.tracker.service.tracking;

import io.choreography.tracker.rules.engine.CompiledProcess;
import io.choreography.tracker.rules.engine.InstanceView;
import io.choreography.tracker.rules.tracking.state.StoredInstance;
import io.choreography.tracker.rules.tracking.state.TrackedInstance;
import io.choreography.tracker.rules.tracking.state.mutable.MutableInstances;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The instances in a Kafka Streams store: {@code process/traceId} to {@link StoredInstance} bytes. */
final class StreamsInstances implements MutableInstances {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsInstances.class);

  private final KeyValueStore<String, byte[]> store;

  StreamsInstances(KeyValueStore<String, byte[]> store) {
    this.store = store;
  }

  @Override
  public TrackedInstance get(String key, CompiledProcess process) {
    byte[] stored = store.get(key);
    if (stored == null) {
      return null;
    }
    try {
      return StoredInstance.read(process, stored);
    } catch (IllegalArgumentException e) {
      // the definition changed shape since the instance started: the tracker starts it over with the current one
      LOG.warn("instance {} (version {}) cannot be read with version {} of its definition: {}", key,
          StoredInstance.version(stored), process.definition().version(), e.getMessage());
      return null;
    }
  }

  @Override
  public boolean contains(String key) {
    return store.get(key) != null;
  }

  @Override
  public void put(String key, String version, InstanceView state) {
    store.put(key, StoredInstance.encode(version, state));
  }

  @Override
  public void delete(String key) {
    store.delete(key);
  }
}
