package io.choreography.tracker.rules.tracking.state.mutable;

import io.choreography.tracker.rules.tracking.state.DueIndexState;

/** The timers, writable. */
public interface MutableDueIndex extends DueIndexState {

  /** Adds a timer; putting one that exists changes nothing. */
  void put(long dueAt, String key);

  /** Removes a timer; removing one that does not exist changes nothing. */
  void remove(long dueAt, String key);

  /**
   * The next {@link #dueBy} must look at timers due from {@code dueAt} on again, although the last one went past
   * them (timers left in place for a later verdict). Nothing for an index that looks at everything each time.
   */
  default void revisitFrom(long dueAt) {}
}
