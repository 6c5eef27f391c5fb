package io.choreography.tracker.rules.definition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The set of loaded process definitions, by id, in load order. Immutable. */
public final class ProcessDefinitions {

  private final Map<String, ProcessDefinition> byId;

  public ProcessDefinitions(List<ProcessDefinition> processes) {
    Map<String, ProcessDefinition> m = new LinkedHashMap<>();
    for (ProcessDefinition p : processes) {
      if (m.putIfAbsent(p.id(), p) != null) {
        throw new IllegalArgumentException("duplicate process id " + p.id());
      }
    }
    this.byId = Map.copyOf(m);
    this.ordered = List.copyOf(m.values());
  }

  private final List<ProcessDefinition> ordered;

  public List<ProcessDefinition> all() {
    return ordered;
  }

  /** The process of that id, or null. */
  public ProcessDefinition get(String id) {
    return byId.get(id);
  }

  public int size() {
    return ordered.size();
  }
}
