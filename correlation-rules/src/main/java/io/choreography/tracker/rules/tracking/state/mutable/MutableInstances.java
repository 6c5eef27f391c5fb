package io.choreography.tracker.rules.tracking.state.mutable;

import io.choreography.tracker.rules.engine.InstanceView;
import io.choreography.tracker.rules.tracking.state.InstancesState;

/** The instances, writable. */
public interface MutableInstances extends InstancesState {

  /** Stores the instance as it is now (a later change of {@code state} is not stored until put again). */
  void put(String key, String version, InstanceView state);

  void delete(String key);
}
