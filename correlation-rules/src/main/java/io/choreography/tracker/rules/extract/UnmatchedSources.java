package io.choreography.tracker.rules.extract;

import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.ValueSource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The sources read for a record that matches no step, so that a trace search still finds it: the defaults
 * followed by every distinct source any loaded process names, in load order. The trace id is read from
 * {@code header traceparent}, then every correlation source, then the CloudEvents {@code correlationid}; the keys
 * are every key any process names.
 */
record UnmatchedSources(
    List<CompiledSource> traceId,
    List<CompiledSource> eventType,
    List<CompiledSource> eventTime,
    List<CompiledSource> eventId,
    List<KeySources> keys) {

  static UnmatchedSources of(List<ProcessDefinition> processes) {
    return new UnmatchedSources(
        CompiledSource.of(CompiledProcess.withCorrelationExtension(
            unionOf(List.of(ValueSource.header("traceparent")), processes, ProcessDefinition::correlation))),
        union(ProcessDefinition.DEFAULT_EVENT_TYPE, processes, ProcessDefinition::eventType),
        union(ProcessDefinition.DEFAULT_EVENT_TIME, processes, ProcessDefinition::eventTime),
        union(ProcessDefinition.DEFAULT_EVENT_ID, processes, ProcessDefinition::eventId),
        KeySources.of(keys(processes)));
  }

  /** Every key any process names, with the union of its sources where processes share a name. */
  private static Map<String, List<ValueSource>> keys(List<ProcessDefinition> processes) {
    Map<String, Set<ValueSource>> all = new LinkedHashMap<>();
    for (ProcessDefinition process : processes) {
      process.keys().forEach((name, sources) -> all.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(sources));
    }
    Map<String, List<ValueSource>> keys = new LinkedHashMap<>();
    all.forEach((name, sources) -> keys.put(name, List.copyOf(sources)));
    return keys;
  }

  private static List<CompiledSource> union(List<ValueSource> first, List<ProcessDefinition> processes,
      Function<ProcessDefinition, List<ValueSource>> sources) {
    return CompiledSource.of(unionOf(first, processes, sources));
  }

  private static List<ValueSource> unionOf(List<ValueSource> first, List<ProcessDefinition> processes,
      Function<ProcessDefinition, List<ValueSource>> sources) {
    Set<ValueSource> all = new LinkedHashSet<>(first);
    for (ProcessDefinition process : processes) {
      all.addAll(sources.apply(process));
    }
    return List.copyOf(all);
  }
}
