package io.choreography.tracker.rules.engine;

/**
 * Everything that falls due by a verdict time (SPEC 3.3, 3.5, 3.13, escalations): STUCK steps, the DEADLINE,
 * reorder windows of early events, escalations. Each fires at most once per instance.
 */
final class DueTimers {

  private DueTimers() {}

  static void fire(InstanceState s, long verdictTime, EngineOutput out, IncidentMessages messages) {
    CompiledProcess p = s.process();
    for (long m = s.earlyMask(); m != 0; m &= m - 1) {
      int early = Long.numberOfTrailingZeros(m);
      if (ReorderWindow.expiresAt(s.earlyArrivedAt(early), p.reorderWindowMillis()) <= verdictTime) {
        ReorderWindow.expire(s, early, verdictTime, out, messages);
      }
    }
    if (!s.running()) {
      return;
    }
    for (int i = 0, n = p.stepCount(); i < n; i++) {
      if (p.hasWithin(i) && (s.stuckRaisedMask() & (1L << i)) == 0 && Predecessors.isExpected(s, i)) {
        long since = Predecessors.expectedSince(s, i);
        long due = since + p.withinMillis(i);
        if (due <= verdictTime) {
          StateApplier.openStuck(s, i, due, messages.stuck(p, i, since, verdictTime), out);
        }
      }
    }
    if (p.hasDeadline() && s.deadlineState() == InstanceView.DEADLINE_NOT_RAISED) {
      long due = s.startedAt() + p.deadlineMillis();
      if (due <= verdictTime) {
        StateApplier.openDeadline(s, due, messages.deadline(p, s.startedAt(), verdictTime), out);
      }
    }
    for (int e = 0, n = p.escalationCount(); e < n; e++) {
      long due = s.startedAt() + p.escalationAfterMillis(e);
      if ((s.escalationsFired() & (1 << e)) == 0 && due <= verdictTime) {
        StateApplier.fireEscalation(s, e, due, out);
      }
    }
  }
}
