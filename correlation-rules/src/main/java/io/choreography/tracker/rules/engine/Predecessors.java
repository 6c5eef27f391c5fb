package io.choreography.tracker.rules.engine;

/**
 * Rules about a step's predecessors (SPEC 3.2, 3.4, 3.5), read from an {@link InstanceView}. Sets of steps are
 * 64-bit masks; nothing here allocates.
 */
final class Predecessors {

  private Predecessors() {}

  /** True when the step's {@code after} holds: all (ALL-join) or one (ANY-join) of its predecessors reached. */
  static boolean afterHolds(InstanceView v, int step) {
    CompiledProcess p = v.process();
    long after = p.afterMask(step);
    if (after == 0) {
      return true;
    }
    long reached = v.reachedMask();
    return p.afterAny(step) ? (after & reached) != 0 : (after & reached) == after;
  }

  /**
   * The predecessors whose absence makes an event of {@code step} early; 0 when it is not early. For an ordinary
   * step these are the unreached steps of its own {@code after} (for an ANY-join with none reached: all of them).
   * For an end step, every required (not optional) step before it counts too, transitively: an instance must not
   * end while a step it needs is still on its way (SPEC 3.4).
   */
  static long missing(InstanceView v, int step) {
    CompiledProcess p = v.process();
    if (!p.isEnd(step)) {
      return afterHolds(v, step) ? 0 : p.afterMask(step) & ~v.reachedMask();
    }
    return missingDeep(v, step, false);
  }

  private static long missingDeep(InstanceView v, int step, boolean skipOptional) {
    CompiledProcess p = v.process();
    long after = p.afterMask(step);
    long reached = v.reachedMask();
    long missing = 0;
    if (p.afterAny(step) && (after & reached) != 0) {
      // one reached alternative suffices; what it needs is its own concern only if it was on the path
      int first = Long.numberOfTrailingZeros(after & reached);
      return missingDeep(v, first, true);
    }
    for (long m = after; m != 0; m &= m - 1) {
      int pred = Long.numberOfTrailingZeros(m);
      if ((reached & (1L << pred)) == 0 && !(skipOptional && p.isOptional(pred))) {
        missing |= 1L << pred;
      }
      missing |= missingDeep(v, pred, true);
    }
    return missing;
  }

  /**
   * When the step became expected: the event time of the event that completed its {@code after} (the latest
   * predecessor for an ALL-join, the earliest for an ANY-join; the start for a start step). Independent of the
   * order events arrived in, so reordering never moves a due time.
   */
  static long expectedSince(InstanceView v, int step) {
    CompiledProcess p = v.process();
    long after = p.afterMask(step) & v.reachedMask();
    if (p.afterMask(step) == 0) {
      return v.startedAt();
    }
    boolean any = p.afterAny(step);
    long since = any ? Long.MAX_VALUE : Long.MIN_VALUE;
    for (long m = after; m != 0; m &= m - 1) {
      long t = v.reachedAt(Long.numberOfTrailingZeros(m));
      since = any ? Math.min(since, t) : Math.max(since, t);
    }
    return since;
  }

  /** SPEC 3.2: after holds, not reached, no other member of its choice reached, instance running. */
  static boolean isExpected(InstanceView v, int step) {
    long reached = v.reachedMask();
    return v.running()
        && (reached & (1L << step)) == 0
        && (reached & v.process().choiceSiblings(step)) == 0
        && afterHolds(v, step);
  }

  /** Comma-separated step ids of a mask, in definition order (for messages). */
  static String names(CompiledProcess p, long mask) {
    StringBuilder sb = new StringBuilder();
    for (long m = mask; m != 0; m &= m - 1) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(p.stepId(Long.numberOfTrailingZeros(m)));
    }
    return sb.toString();
  }
}
