package io.choreography.tracker.rules.tracking.state.memory;

import io.choreography.tracker.rules.engine.InstanceView;
import io.choreography.tracker.rules.tracking.state.DueTimer;
import io.choreography.tracker.rules.tracking.state.mutable.MutableDueIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Timers by due time, then key: a sorted map of due times, each to the set of keys due then, kept as an {@link
 * ArenaTable} (no heap object per timer: a replay holds a timer per open instance). Putting and removing a timer
 * compares due times only (many instances fall due at the same millisecond); the keys of a due time are sorted
 * when they fall due, so that timers fire in the order the service's store gives them (due time, then key).
 */
public final class InMemoryDueIndex implements MutableDueIndex {

  private static final byte[] NOTHING = new byte[0];

  private final TreeMap<Long, ArenaTable> byDueTime = new TreeMap<>();
  private int size;

  @Override
  public void put(long dueAt, String key) {
    if (dueAt != InstanceView.NONE
        && byDueTime.computeIfAbsent(dueAt, t -> new ArenaTable()).putIfAbsent(key, NOTHING)) {
      size++;
    }
  }

  @Override
  public void remove(long dueAt, String key) {
    ArenaTable keys = byDueTime.get(dueAt);
    if (keys != null && keys.remove(key)) {
      size--;
      if (keys.size() == 0) {
        byDueTime.remove(dueAt);
      }
    }
  }

  @Override
  public List<DueTimer> dueBy(long upTo, int limit) {
    List<DueTimer> due = new ArrayList<>();
    for (Map.Entry<Long, ArenaTable> at : byDueTime.headMap(upTo, true).entrySet()) {
      for (String key : sorted(at.getValue())) {
        if (due.size() >= limit) {
          return due;
        }
        due.add(new DueTimer(at.getKey(), key));
      }
    }
    return due;
  }

  @Override
  public int countDue(long after, long upTo, int cap) {
    if (upTo <= after) {
      return 0;
    }
    int n = 0;
    NavigableMap<Long, ArenaTable> range = byDueTime.subMap(after, false, upTo, true);
    for (ArenaTable keys : range.values()) {
      n += keys.size();
      if (n >= cap) {
        return cap;
      }
    }
    return n;
  }

  /**
   * When the earliest timer falls due, or {@link InstanceView#NONE} when none is left (replay runs the clock on from
   * timer to timer, asking before every record: the keys due then are not looked at).
   */
  public long earliestDueAt() {
    Map.Entry<Long, ArenaTable> first = byDueTime.firstEntry();
    return first == null ? InstanceView.NONE : first.getKey();
  }

  public int size() {
    return size;
  }

  private static List<String> keys(ArenaTable table) {
    List<String> keys = new ArrayList<>(table.size());
    table.forEachKey(keys::add);
    return keys;
  }

  private static List<String> sorted(ArenaTable table) {
    List<String> list = keys(table);
    Collections.sort(list);
    return list;
  }
}
