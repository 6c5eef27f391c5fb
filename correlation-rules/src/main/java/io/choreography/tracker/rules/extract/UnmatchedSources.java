package io.choreography.tracker.rules.extract;

import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.ValueSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The sources read for a record that matches no step, so that a trace search still finds it: the defaults
 * followed by every distinct source any loaded process names, in load order. The trace id is read from
 * {@code header traceparent} and then every correlation source.
 */
record UnmatchedSources(
    List<CompiledSource> traceId,
    List<CompiledSource> eventType,
    List<CompiledSource> eventTime,
    List<CompiledSource> eventId) {

  static UnmatchedSources of(List<ProcessDefinition> processes) {
    return new UnmatchedSources(
        union(List.of(ValueSource.header("traceparent")), processes, ProcessDefinition::correlation),
        union(ProcessDefinition.DEFAULT_EVENT_TYPE, processes, ProcessDefinition::eventType),
        union(ProcessDefinition.DEFAULT_EVENT_TIME, processes, ProcessDefinition::eventTime),
        union(ProcessDefinition.DEFAULT_EVENT_ID, processes, ProcessDefinition::eventId));
  }

  private static List<CompiledSource> union(List<ValueSource> first, List<ProcessDefinition> processes,
      Function<ProcessDefinition, List<ValueSource>> sources) {
    Set<ValueSource> all = new LinkedHashSet<>(first);
    for (ProcessDefinition process : processes) {
      all.addAll(sources.apply(process));
    }
    return CompiledSource.of(List.copyOf(all));
  }
}
