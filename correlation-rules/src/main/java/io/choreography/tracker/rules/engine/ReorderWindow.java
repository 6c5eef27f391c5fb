package io.choreography.tracker.rules.engine;

/**
 * SPEC 3.5: settles early events when a step is reached. For every step that is still early, the newly reached
 * step either confirms transport reordering (it was missing, its event time is not later than the early event's
 * and it arrived within the reorder window) or turns the early event into OUT_OF_ORDER.
 *
 * <p>The window is measured between arrivals (Kafka timestamps), never with the moment the tracker reads an
 * event: it is {@code [early arrival, early arrival + reorderWindow)}, and it expires once the verdict time
 * reaches its end, so that an arrival at the end itself is already too late either way.
 */
final class ReorderWindow {

  private ReorderWindow() {}

  /** Whether {@code arrival} falls in the window that opened at {@code windowStart}. */
  static boolean within(long windowStart, long arrival, long windowMillis) {
    return arrival - windowStart < windowMillis;
  }

  /** When the window that opened at {@code windowStart} expires. */
  static long expiresAt(long windowStart, long windowMillis) {
    return windowStart + windowMillis;
  }

  /**
   * @param missingBefore for each early step, what it was missing before {@code reachedStep} was applied
   * @param arrival when the event of {@code reachedStep} arrived
   */
  static void settle(InstanceState s, int reachedStep, long[] missingBefore, long arrival, EngineOutput out,
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
      long earlyArrival = s.earlyArrivedAt(early);
      boolean afterWindow = !within(earlyArrival, arrival, window);
      if (reachedTime > earlyTime || afterWindow) {
        StateApplier.raiseOutOfOrder(s, early, arrival,
            messages.outOfOrderLater(p, early, earlyTime, reachedStep, reachedTime, afterWindow), out);
        endIfHeldEnd(s, early, arrival, earlyArrival, out, messages);
      } else if (Predecessors.missing(s, early) == 0) {
        StateApplier.clearEarly(s, early);
        out.reordered++;
        endIfHeldEnd(s, early, arrival, earlyArrival, out, messages);
      }
    }
  }

  /** Reorder window of an early step expired, by {@code verdictTime}, with predecessors still missing. */
  static void expire(InstanceState s, int early, long verdictTime, EngineOutput out, IncidentMessages messages) {
    CompiledProcess p = s.process();
    long earlyArrival = s.earlyArrivedAt(early);
    StateApplier.raiseOutOfOrder(s, early, verdictTime,
        messages.outOfOrderExpired(p, early, s.reachedAt(early), Predecessors.missing(s, early)), out);
    endIfHeldEnd(s, early, verdictTime, earlyArrival, out, messages);
  }

  /**
   * An end step held back while its predecessors were missing ends the instance once it is settled, at {@code now};
   * its own event arrived at {@code endArrival}.
   */
  private static void endIfHeldEnd(InstanceState s, int step, long now, long endArrival, EngineOutput out,
      IncidentMessages messages) {
    if (s.process().isEnd(step) && s.running()) {
      StateApplier.end(s, step, now, endArrival, out, messages);
    }
  }
}
