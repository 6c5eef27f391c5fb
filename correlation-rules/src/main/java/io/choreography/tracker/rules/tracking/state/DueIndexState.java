package io.choreography.tracker.rules.tracking.state;

import java.util.List;

/**
 * The timers ordered by due time, read-only: at most one per key and due time, so that what falls due is found
 * without looking at what does not.
 */
public interface DueIndexState {

  /**
   * The timers due at or before {@code upTo}, earliest first (by due time, then key), at most {@code limit}. The
   * list is the caller's: it may put and remove timers while it works through it.
   */
  List<DueTimer> dueBy(long upTo, int limit);

  /**
   * How many timers are due after {@code after} and at or before {@code upTo}, counting no further than {@code
   * cap} (so that the answer costs at most {@code cap} entries): e.g. the verdicts a verdict time behind the wall
   * clock is holding back.
   */
  int countDue(long after, long upTo, int cap);
}
