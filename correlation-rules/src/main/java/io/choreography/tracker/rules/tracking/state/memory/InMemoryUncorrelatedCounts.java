package io.choreography.tracker.rules.tracking.state.memory;

import io.choreography.tracker.rules.tracking.state.mutable.MutableUncorrelatedCounts;
import java.util.HashMap;
import java.util.Map;

/** UNCORRELATED counts in a map. */
public final class InMemoryUncorrelatedCounts implements MutableUncorrelatedCounts {

  private final Map<String, Long> counts = new HashMap<>();

  @Override
  public long count(String process, String step) {
    return counts.getOrDefault(key(process, step), 0L);
  }

  @Override
  public void put(String process, String step, long count) {
    counts.put(key(process, step), count);
  }

  private static String key(String process, String step) {
    return process + "/" + step;
  }
}
