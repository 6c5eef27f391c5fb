package io.choreography.tracker.rules.engine;

/**
 * SPEC 3.5: settles early events when a step is reached. For every step that is still early, the newly reached
 * step either confirms transport reordering (it was missing, its event time is not later than the early event's
 * and it arrived within the reorder window) or turns the early event into OUT_OF_ORDER.
 */
final class ReorderWindow {

  private ReorderWindow() {}

  /**
   * @param missingBefore for each early step, what it was missing before {@code reachedStep} was applied
   */
  static void settle(InstanceState s, int reachedStep, long[] missingBefore, long now, EngineOutput out,
      IncidentMessages messages) {
    CompiledProcess p = s.process();
    long window = p.reorderWindowMillis();
    long reachedTime = s.reachedAt(reachedStep);
    for (long m = s.earlyMask() & ~(1L << reachedStep); m != 0; m &= m - 1) {
      int early = Long.numberOfTrailingZeros(m);
      if ((missingBefore[early] & (1L << reachedStep)) == 0) {
        continue;
      }
      long earlyTime = s.reachedAt(early);
      boolean afterWindow = now - s.earlyArrivedAt(early) > window;
      if (reachedTime > earlyTime || afterWindow) {
        StateApplier.raiseOutOfOrder(s, early, now,
            messages.outOfOrderLater(p, early, earlyTime, reachedStep, reachedTime, afterWindow), out);
        endIfHeldEnd(s, early, now, out, messages);
      } else if (Predecessors.missing(s, early) == 0) {
        StateApplier.clearEarly(s, early);
        out.reordered++;
        endIfHeldEnd(s, early, now, out, messages);
      }
    }
  }

  /** Reorder window of an early step expired with predecessors still missing. */
  static void expire(InstanceState s, int early, long now, EngineOutput out, IncidentMessages messages) {
    CompiledProcess p = s.process();
    StateApplier.raiseOutOfOrder(s, early, now,
        messages.outOfOrderExpired(p, early, s.reachedAt(early), Predecessors.missing(s, early)), out);
    endIfHeldEnd(s, early, now, out, messages);
  }

  /** An end step held back while its predecessors were missing ends the instance once it is settled. */
  private static void endIfHeldEnd(InstanceState s, int step, long now, EngineOutput out, IncidentMessages messages) {
    if (s.process().isEnd(step) && s.running()) {
      StateApplier.end(s, step, now, out, messages);
    }
  }
}
