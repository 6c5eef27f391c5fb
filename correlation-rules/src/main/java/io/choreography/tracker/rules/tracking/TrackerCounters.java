package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.model.IncidentType;

/** What the tracker counts; the service maps each to a meter. Every method does nothing unless overridden. */
public interface TrackerCounters {

  TrackerCounters NONE = new TrackerCounters() {};

  /** A step match was applied to an instance (duplicates included). */
  default void event() {}

  /** It was a duplicate (SPEC 3.7). */
  default void duplicate() {}

  /** Early events confirmed as transport reordering (SPEC 3.5). */
  default void reordered(int count) {}

  default void created() {}

  /** An ended instance left the store after the retention. */
  default void expired() {}

  /** A match of a process or step no longer defined, or one the engine failed on. */
  default void skipped() {}

  /** A match without a trace id (SPEC 3.8). */
  default void uncorrelated() {}

  default void opened(IncidentType type) {}

  /** Due-index entries one {@code fireDue} visited. */
  default void timersVisited(int count) {}
}
