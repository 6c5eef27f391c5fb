package io.choreography.tracker.rules.tracking.state.mutable;

import io.choreography.tracker.rules.tracking.state.DueIndexState;

/** The timers, writable. */
public interface MutableDueIndex extends DueIndexState {

  /** Adds a timer; putting one that exists changes nothing. */
  void put(long dueAt, String key);

  /** Removes a timer; removing one that does not exist changes nothing. */
  void remove(long dueAt, String key);
}
