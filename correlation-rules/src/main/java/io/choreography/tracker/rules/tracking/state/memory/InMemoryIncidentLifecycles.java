package io.choreography.tracker.rules.tracking.state.memory;

import io.choreography.tracker.rules.tracking.state.LifecycleEntry;
import io.choreography.tracker.rules.tracking.state.mutable.MutableIncidentLifecycles;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Lifecycle entries in maps, by owner, then incident id. */
public final class InMemoryIncidentLifecycles implements MutableIncidentLifecycles {

  private final Map<String, Map<String, LifecycleEntry>> byOwner = new HashMap<>();

  @Override
  public LifecycleEntry get(String owner, String incidentId) {
    Map<String, LifecycleEntry> entries = byOwner.get(owner);
    return entries == null ? null : entries.get(incidentId);
  }

  @Override
  public boolean anyFor(String owner) {
    return byOwner.containsKey(owner);
  }

  @Override
  public void put(String owner, String incidentId, LifecycleEntry entry) {
    byOwner.computeIfAbsent(owner, o -> new LinkedHashMap<>()).put(incidentId, entry);
  }

  @Override
  public int deleteAllFor(String owner) {
    Map<String, LifecycleEntry> removed = byOwner.remove(owner);
    return removed == null ? 0 : removed.size();
  }

  /** How many entries there are in all. */
  public int size() {
    return byOwner.values().stream().mapToInt(Map::size).sum();
  }
}
