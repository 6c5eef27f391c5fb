package io.choreography.tracker.rules.definition;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A process as read from one YAML file, before the cross-step rules; see {@link StepDraft}. */
record ProcessDraft(
    String id,
    int idLine,
    String name,
    List<ValueSource> correlation,
    List<ValueSource> eventType,
    List<ValueSource> eventTime,
    List<ValueSource> eventId,
    Duration reorderWindow,
    Duration deadline,
    List<StepDraft> steps,
    int stepsLine,
    List<Escalation> escalations,
    Map<String, List<ValueSource>> keys) {

  /** The definition, with its version computed from the content. Only called when no problem was found. */
  ProcessDefinition toDefinition(String source) {
    ProcessDefinition unversioned = build("", source);
    return build(DefinitionVersion.of(unversioned), source);
  }

  private ProcessDefinition build(String version, String source) {
    return new ProcessDefinition(id, name, version, source, correlation, eventType, eventTime, eventId,
        reorderWindow, deadline, steps.stream().map(StepDraft::toStep).toList(), escalations,
        keys);
  }
}
