package io.choreography.tracker.rules.tracking.state.memory;

import io.choreography.tracker.rules.engine.CompiledProcess;
import io.choreography.tracker.rules.engine.InstanceView;
import io.choreography.tracker.rules.tracking.state.StoredInstance;
import io.choreography.tracker.rules.tracking.state.TrackedInstance;
import io.choreography.tracker.rules.tracking.state.mutable.MutableInstances;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Instances in a map, encoded as the service's store encodes them ({@link StoredInstance}): what is read back is a
 * copy, so a state changed but not put again is not stored, exactly as with a persistent store.
 */
public final class InMemoryInstances implements MutableInstances {

  private final Map<String, byte[]> entries = new LinkedHashMap<>();

  @Override
  public TrackedInstance get(String key, CompiledProcess process) {
    byte[] stored = entries.get(key);
    if (stored == null) {
      return null;
    }
    try {
      return StoredInstance.read(process, stored);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public boolean contains(String key) {
    return entries.containsKey(key);
  }

  @Override
  public void put(String key, String version, InstanceView state) {
    entries.put(key, StoredInstance.encode(version, state));
  }

  @Override
  public void delete(String key) {
    entries.remove(key);
  }

  /** How many instances are stored. */
  public int size() {
    return entries.size();
  }
}
