package io.choreography.tracker.rules.extract;

import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.ValueSource;
import java.util.ArrayList;
import java.util.List;

/** A process's value sources and steps, compiled once. */
final class CompiledProcess {

  /** The CloudEvents correlation extension's attribute, as a binary-mode header (structured mode maps to it). */
  static final ValueSource CORRELATION_ID = ValueSource.header("ce_correlationid");

  private final ProcessDefinition definition;
  private final List<CompiledSource> correlation;
  private final List<CompiledSource> eventType;
  private final List<CompiledSource> eventTime;
  private final List<CompiledSource> eventId;
  private final List<CompiledStep> steps;
  private final List<KeySources> keys;

  CompiledProcess(ProcessDefinition definition) {
    this.definition = definition;
    // the CloudEvents correlation extension comes after the definition's own sources (SPEC section 2)
    this.correlation = CompiledSource.of(withCorrelationExtension(definition.correlation()));
    // An empty list means "not given": the defaults of SPEC section 2 apply.
    this.eventType = CompiledSource.of(orDefault(definition.eventType(), ProcessDefinition.DEFAULT_EVENT_TYPE));
    this.eventTime = CompiledSource.of(orDefault(definition.eventTime(), ProcessDefinition.DEFAULT_EVENT_TIME));
    this.eventId = CompiledSource.of(orDefault(definition.eventId(), ProcessDefinition.DEFAULT_EVENT_ID));
    this.steps = definition.steps().stream().map(CompiledStep::new).toList();
    this.keys = KeySources.of(definition.keys());
  }

  /** The sources followed by {@code header ce_correlationid}, unless they name it already. */
  static List<ValueSource> withCorrelationExtension(List<ValueSource> sources) {
    if (sources.contains(CORRELATION_ID)) {
      return sources;
    }
    List<ValueSource> all = new ArrayList<>(sources);
    all.add(CORRELATION_ID);
    return all;
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

  /** The business keys, in definition order. */
  List<KeySources> keys() {
    return keys;
  }

  List<CompiledStep> steps() {
    return steps;
  }
}
