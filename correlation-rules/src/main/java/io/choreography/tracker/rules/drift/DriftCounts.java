package io.choreography.tracker.rules.drift;

import io.choreography.tracker.model.drift.DriftCount;

/** The drift counts of one task, by {@link DriftCount#key()}. */
public interface DriftCounts {

  /** The count stored under {@code key}, or null. */
  DriftCount get(String key);

  void put(DriftCount count);
}
