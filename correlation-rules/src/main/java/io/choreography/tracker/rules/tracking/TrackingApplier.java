package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.rules.engine.InstanceView;
import io.choreography.tracker.rules.tracking.state.DueTimer;
import io.choreography.tracker.rules.tracking.state.mutable.MutableTrackingState;

/**
 * The only writer of the tracker's state: each method stores one decided fact (an instance and its timer, a
 * lifecycle entry, a count, a purge). Deciding is left to {@link Tracker} and the rules, which read.
 */
final class TrackingApplier {

  private final MutableTrackingState state;

  TrackingApplier(MutableTrackingState state) {
    this.state = state;
  }

  /** Stores the instance and moves its timer from {@code oldDueAt} to {@code newDueAt} (either may be NONE). */
  void storeInstance(String key, String version, InstanceView instance, long oldDueAt, long newDueAt) {
    state.instances().put(key, version, instance);
    if (oldDueAt != newDueAt) {
      if (oldDueAt != Schedules.NONE) {
        state.dueIndex().remove(oldDueAt, key);
      }
      schedule(newDueAt, key);
    }
  }

  /** Stores the instance; its timer is set apart ({@link #schedule}). */
  void storeInstance(String key, String version, InstanceView instance) {
    state.instances().put(key, version, instance);
  }

  void schedule(long dueAt, String key) {
    if (dueAt != Schedules.NONE) {
      state.dueIndex().put(dueAt, key);
    }
  }

  void unschedule(DueTimer timer) {
    state.dueIndex().remove(timer.dueAt(), timer.key());
  }

  /** Timers left in place from {@code dueAt} on are looked at again by the next call (nothing is written). */
  void revisitFrom(long dueAt) {
    state.dueIndex().revisitFrom(dueAt);
  }

  void unschedule(long dueAt, String key) {
    state.dueIndex().remove(dueAt, key);
  }

  /** An ended instance leaves the store after its retention, and its incidents' lifecycle with it. */
  void purge(String key) {
    state.instances().delete(key);
    forgetLifecycles(key);
  }

  /** From now on the incidents' documents are the truth for the owner's incidents. */
  void forgetLifecycles(String owner) {
    state.lifecycles().deleteAllFor(owner);
  }

  void storeLifecycle(IncidentOverlay.Update update) {
    state.lifecycles().put(update.owner(), update.incidentId(), update.entry());
  }

  void countUncorrelated(String process, String step, long count) {
    state.uncorrelatedCounts().put(process, step, count);
  }
}
