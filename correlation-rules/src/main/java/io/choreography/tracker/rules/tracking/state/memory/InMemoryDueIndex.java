package io.choreography.tracker.rules.tracking.state.memory;

import io.choreography.tracker.rules.engine.InstanceView;
import io.choreography.tracker.rules.tracking.state.DueTimer;
import io.choreography.tracker.rules.tracking.state.mutable.MutableDueIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Timers by due time, then key: a sorted map of due times, each to the key due then or, when several are, to the set
 * of them kept as an {@link ArenaTable} (no heap object per timer: when a replay's instances fall due at the same
 * millisecond, hundreds of thousands do; when their due times differ, a due time holds one key and needs no set).
 * Putting and removing a timer compares due times only; the keys of a due time are sorted when they fall due, so
 * that timers fire in the order the service's store gives them (due time, then key).
 */
public final class InMemoryDueIndex implements MutableDueIndex {

  private static final byte[] NOTHING = new byte[0];

  /** Per due time: its one key (a {@code String}) or its keys (an {@code ArenaTable}). */
  private final TreeMap<Long, Object> byDueTime = new TreeMap<>();
  private int size;

  @Override
  public void put(long dueAt, String key) {
    if (dueAt == InstanceView.NONE) {
      return;
    }
    Object keys = byDueTime.putIfAbsent(dueAt, key);
    if (keys == null) {
      size++;
    } else if (keys instanceof ArenaTable table) {
      if (table.putIfAbsent(key, NOTHING)) {
        size++;
      }
    } else if (!keys.equals(key)) {
      ArenaTable table = new ArenaTable();
      table.put((String) keys, NOTHING);
      table.put(key, NOTHING);
      byDueTime.put(dueAt, table);
      size++;
    }
  }

  @Override
  public void remove(long dueAt, String key) {
    Object keys = byDueTime.get(dueAt);
    if (keys instanceof ArenaTable table) {
      if (table.remove(key)) {
        size--;
        if (table.size() == 0) {
          byDueTime.remove(dueAt);
        }
      }
    } else if (keys != null && keys.equals(key)) {
      byDueTime.remove(dueAt);
      size--;
    }
  }

  @Override
  public List<DueTimer> dueBy(long upTo, int limit) {
    List<DueTimer> due = new ArrayList<>();
    for (Map.Entry<Long, Object> at : byDueTime.headMap(upTo, true).entrySet()) {
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
    for (Object keys : byDueTime.subMap(after, false, upTo, true).values()) {
      n += keys instanceof ArenaTable table ? table.size() : 1;
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
    Map.Entry<Long, Object> first = byDueTime.firstEntry();
    return first == null ? InstanceView.NONE : first.getKey();
  }

  public int size() {
    return size;
  }

  private static List<String> sorted(Object keys) {
    if (!(keys instanceof ArenaTable table)) {
      return List.of((String) keys);
    }
    List<String> list = new ArrayList<>(table.size());
    table.forEachKey(list::add);
    Collections.sort(list);
    return list;
  }
}
