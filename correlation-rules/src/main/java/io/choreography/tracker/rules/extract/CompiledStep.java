package io.choreography.tracker.rules.extract;

import io.choreography.tracker.rules.definition.StepDefinition;
import java.util.List;

/** A step prepared for matching: its topic glob and {@code where} pointers compiled once. */
final class CompiledStep {

  private final StepDefinition definition;
  private final TopicGlob topic;
  private final List<WhereCondition> where;

  CompiledStep(StepDefinition definition) {
    this.definition = definition;
    this.topic = TopicGlob.compile(definition.topic());
    this.where = WhereCondition.of(definition.where());
  }

  String id() {
    return definition.id();
  }

  boolean onTopic(String topicName) {
    return topic.matches(topicName);
  }

  /** Type equality first: it is the cheap test and rules out most steps. */
  boolean matches(String type, RecordView view) {
    if (!type.equals(definition.type())) {
      return false;
    }
    for (WhereCondition condition : where) {
      if (!condition.holds(view)) {
        return false;
      }
    }
    return true;
  }
}
