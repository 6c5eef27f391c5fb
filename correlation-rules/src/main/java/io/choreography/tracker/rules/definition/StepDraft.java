package io.choreography.tracker.rules.definition;

import java.time.Duration;
import java.util.Map;

/**
 * A step as read from YAML, before the cross-step rules have run, with the lines of its keys so that every rule
 * can point at the exact line. Fields that could not be read are null (their problem is already reported).
 *
 * @param afterLines line of each step id listed in {@code after}
 */
record StepDraft(
    String id,
    int line,
    String topic,
    String type,
    Map<String, Object> where,
    After after,
    Map<String, Integer> afterLines,
    Duration within,
    int withinLine,
    String choice,
    int choiceLine,
    EndKind end,
    boolean optional,
    boolean repeat,
    int repeatLine) {

  StepDefinition toStep() {
    return new StepDefinition(id, topic, type, where, after, within, choice, end, optional, repeat, line);
  }
}
