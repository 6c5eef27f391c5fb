package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.rules.engine.InstanceView;

/**
 * What a user can see of an instance, captured before a change so that only a visible change is published: its
 * status, start and end, the steps reached (a reached step keeps its time and event id, so the mask is enough),
 * what it waits for (follows from those), and its open incidents. Bookkeeping that changes nothing of that (the
 * seen hash of a repeated optional step, an UNEXPECTED count, an escalation fired) is stored, not published.
 * Reused: capture, change, compare.
 */
final class VisibleInstance {

  private boolean present;
  private InstanceStatus phase;
  private InstanceStatus status;
  private long startedAt;
  private long endedAt;
  private long reached;
  private long stuckOpen;
  private byte deadline;
  private long outOfOrder;
  private long unexpected;

  /** Remembers what {@code state} shows (null: no instance). */
  void capture(InstanceView state) {
    present = state != null;
    if (!present) {
      return;
    }
    phase = state.phase();
    status = state.status();
    startedAt = state.startedAt();
    endedAt = state.endedAt();
    reached = state.reachedMask();
    stuckOpen = state.stuckOpenMask();
    deadline = state.deadlineState();
    outOfOrder = state.outOfOrderRaisedMask();
    unexpected = state.unexpectedRaisedMask();
  }

  /** Whether {@code state} shows something else than what was captured. */
  boolean changedIn(InstanceView state) {
    return !present || phase != state.phase() || status != state.status() || startedAt != state.startedAt()
        || endedAt != state.endedAt() || reached != state.reachedMask() || stuckOpen != state.stuckOpenMask()
        || deadline != state.deadlineState() || outOfOrder != state.outOfOrderRaisedMask()
        || unexpected != state.unexpectedRaisedMask();
  }
}
