package io.choreography.tracker.rules.tracking.state;

import io.choreography.tracker.rules.engine.CompiledProcess;

/** The instances by key ({@code process/traceId}, see {@code InstanceKeys}), read-only. */
public interface InstancesState {

  /**
   * The instance stored under {@code key}, decoded with {@code process} (the loaded definition); null when none is
   * stored or when it cannot be read with that definition (it changed shape since the instance started).
   */
  TrackedInstance get(String key, CompiledProcess process);

  /** Whether anything is stored under {@code key}, readable or not. */
  boolean contains(String key);
}
