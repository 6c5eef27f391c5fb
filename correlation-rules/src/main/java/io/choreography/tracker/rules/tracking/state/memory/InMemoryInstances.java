package io.choreography.tracker.rules.tracking.state.memory;

import io.choreography.tracker.rules.engine.ByteSink;
import io.choreography.tracker.rules.engine.CompiledProcess;
import io.choreography.tracker.rules.engine.InstanceStateCodec;
import io.choreography.tracker.rules.engine.InstanceView;
import io.choreography.tracker.rules.tracking.state.StoredInstance;
import io.choreography.tracker.rules.tracking.state.TrackedInstance;
import io.choreography.tracker.rules.tracking.state.mutable.MutableInstances;

/**
 * Instances in an {@link ArenaTable}, encoded as the service's store encodes them ({@link StoredInstance}): what is
 * read back is decoded afresh, so a state changed but not put again is not stored, exactly as with a persistent
 * store.
 */
public final class InMemoryInstances implements MutableInstances {

  private final ArenaTable entries = new ArenaTable();
  private final ByteSink body = new ByteSink(256);
  private String version;
  private byte[] head;

  @Override
  public TrackedInstance get(String key, CompiledProcess process) {
    return entries.read(key, (bytes, offset, length) -> {
      try {
        return StoredInstance.read(process, bytes, offset, length);
      } catch (IllegalArgumentException e) {
        return null;
      }
    });
  }

  @Override
  public boolean contains(String key) {
    return entries.contains(key);
  }

  @Override
  public void put(String key, String version, InstanceView state) {
    if (!version.equals(this.version)) {
      // one definition version is put after another most of the time: its head is kept
      this.head = StoredInstance.head(version);
      this.version = version;
    }
    body.clear();
    InstanceStateCodec.encode(state, body);
    entries.put(key, head, body.array(), body.size());
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
