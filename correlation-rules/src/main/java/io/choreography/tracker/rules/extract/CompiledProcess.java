package io.choreography.tracker.rules.extract;

import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.ValueSource;
import java.util.List;

/** A process's value sources and steps, compiled once. */
final class CompiledProcess {

  private final ProcessDefinition definition;
  private final List<CompiledSource> correlation;
  private final List<CompiledSource> eventType;
  private final List<CompiledSource> eventTime;
  private final List<CompiledSource> eventId;
  private final List<CompiledStep> steps;

  CompiledProcess(ProcessDefinition definition) {
    this.definition = definition;
    this.correlation = CompiledSource.of(definition.correlation());
    // An empty list means "not given": the defaults of SPEC section 2 apply.
    this.eventType = CompiledSource.of(orDefault(definition.eventType(), ProcessDefinition.DEFAULT_EVENT_TYPE));
    this.eventTime = CompiledSource.of(orDefault(definition.eventTime(), ProcessDefinition.DEFAULT_EVENT_TIME));
    this.eventId = CompiledSource.of(orDefault(definition.eventId(), ProcessDefinition.DEFAULT_EVENT_ID));
    this.steps = definition.steps().stream().map(CompiledStep::new).toList();
  }

  static List<ValueSource> orDefault(List<ValueSource> sources, List<ValueSource> defaults) {
    return sources.isEmpty() ? defaults : sources;
  }

  String id() {
    return definition.id();
  }

  ProcessDefinition definition() {
    return definition;
  }

  List<CompiledSource> correlation() {
    return correlation;
  }

  List<CompiledSource> eventType() {
    return eventType;
  }

  List<CompiledSource> eventTime() {
    return eventTime;
  }

  List<CompiledSource> eventId() {
    return eventId;
  }

  List<CompiledStep> steps() {
    return steps;
  }
}
