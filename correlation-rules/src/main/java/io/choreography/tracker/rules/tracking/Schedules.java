package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.rules.engine.InstanceView;
import io.choreography.tracker.rules.engine.ProcessTracker;

/**
 * When an instance's timer must fire: at the engine's next due time, or, for an ended instance, at the end of its
 * retention (when it leaves the store), whichever comes first. A pure function of the state, so the old timer can
 * always be found and removed.
 */
final class Schedules {

  static final long NONE = InstanceView.NONE;

  private Schedules() {}

  static long next(ProcessTracker tracker, InstanceView state, long retentionMillis) {
    long engineDue = tracker.nextDueAt(state);
    if (state.running()) {
      return engineDue;
    }
    long purge = expiresAt(state, retentionMillis);
    return engineDue == NONE ? purge : Math.min(engineDue, purge);
  }

  /** When an ended instance leaves the store: the retention counts from the arrival of its end event. */
  static long expiresAt(InstanceView state, long retentionMillis) {
    long ended = state.endArrivedAt() != NONE ? state.endArrivedAt() : state.endedAt();
    return ended + retentionMillis;
  }
}
