package io.choreography.tracker.rules.tracking.state.memory;

import io.choreography.tracker.rules.engine.InstanceView;
import io.choreography.tracker.rules.tracking.state.DueTimer;
import io.choreography.tracker.rules.tracking.state.mutable.MutableDueIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** Timers in a sorted set, by due time, then key. */
public final class InMemoryDueIndex implements MutableDueIndex {

  private static final Comparator<DueTimer> ORDER =
      Comparator.comparingLong(DueTimer::dueAt).thenComparing(DueTimer::key);

  private final TreeSet<DueTimer> timers = new TreeSet<>(ORDER);

  @Override
  public void put(long dueAt, String key) {
    if (dueAt != InstanceView.NONE) {
      timers.add(new DueTimer(dueAt, key));
    }
  }

  @Override
  public void remove(long dueAt, String key) {
    timers.remove(new DueTimer(dueAt, key));
  }

  @Override
  public List<DueTimer> dueBy(long upTo, int limit) {
    List<DueTimer> due = new ArrayList<>();
    for (DueTimer t : timers) {
      if (t.dueAt() > upTo || due.size() >= limit) {
        break;
      }
      due.add(t);
    }
    return due;
  }

  @Override
  public int countDue(long after, long upTo, int cap) {
    if (upTo <= after) {
      return 0;
    }
    // "" is the least key: the set from here on holds exactly the timers due after `after`
    int n = 0;
    for (DueTimer t : timers.tailSet(new DueTimer(after + 1, ""), true)) {
      if (t.dueAt() > upTo || n >= cap) {
        break;
      }
      n++;
    }
    return n;
  }

  /** The earliest timer, or null when none is left (replay runs the clock on from timer to timer). */
  public DueTimer earliest() {
    return timers.isEmpty() ? null : timers.first();
  }

  public int size() {
    return timers.size();
  }
}
