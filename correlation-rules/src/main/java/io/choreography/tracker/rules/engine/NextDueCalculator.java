package io.choreography.tracker.rules.engine;

/**
 * When the instance next needs the clock: the earliest of a STUCK due time not yet raised, the deadline, an open
 * escalation, and the reorder-window expiry of an early event. Loops over at most 64 steps; no allocation.
 */
final class NextDueCalculator {

  private NextDueCalculator() {}

  static long nextDue(InstanceView v) {
    CompiledProcess p = v.process();
    long next = Long.MAX_VALUE;
    if (v.running()) {
      for (int i = 0, n = p.stepCount(); i < n; i++) {
        if (p.hasWithin(i) && (v.stuckRaisedMask() & (1L << i)) == 0 && Predecessors.isExpected(v, i)) {
          next = Math.min(next, Predecessors.expectedSince(v, i) + p.withinMillis(i));
        }
      }
      if (p.hasDeadline() && v.deadlineState() == InstanceView.DEADLINE_NOT_RAISED) {
        next = Math.min(next, v.startedAt() + p.deadlineMillis());
      }
      for (int e = 0, n = p.escalationCount(); e < n; e++) {
        if ((v.escalationsFired() & (1 << e)) == 0) {
          next = Math.min(next, v.startedAt() + p.escalationAfterMillis(e));
        }
      }
    }
    for (long m = v.earlyMask(); m != 0; m &= m - 1) {
      next = Math.min(next,
          ReorderWindow.expiresAt(v.earlyArrivedAt(Long.numberOfTrailingZeros(m)), p.reorderWindowMillis()));
    }
    return next == Long.MAX_VALUE ? InstanceView.NONE : next;
  }
}
