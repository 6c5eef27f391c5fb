package io.choreography.tracker.model;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Immutable maps that keep the order of their entries: the business keys a match carries from record to record and
 * from task to task (SPEC 3.12), whose order is the definition's.
 */
public final class OrderedMaps {

  private OrderedMaps() {}

  /**
   * An unmodifiable copy in the same order; the map itself when it is such a copy already (a match passed on keeps
   * its keys without copying them again), {@code Map.of()} when null or empty.
   */
  public static <K, V> Map<K, V> copyOf(Map<K, V> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    if (map instanceof Frozen) {
      return map;
    }
    return new Frozen<>(new LinkedHashMap<>(map));
  }

  private static final class Frozen<K, V> extends AbstractMap<K, V> {

    private final Map<K, V> map;

    Frozen(LinkedHashMap<K, V> copy) {
      this.map = Collections.unmodifiableMap(copy);
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
      return map.entrySet();
    }

    @Override
    public V get(Object key) {
      return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }
  }
}
