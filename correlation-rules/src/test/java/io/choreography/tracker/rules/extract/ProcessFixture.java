package io.choreography.tracker.rules.extract;

import io.choreography.tracker.rules.definition.After;
import io.choreography.tracker.rules.definition.EndKind;
import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.definition.StepDefinition;
import io.choreography.tracker.rules.definition.ValueSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds process definitions directly, without YAML, for extraction tests. */
final class ProcessFixture {

  private final String id;
  private List<ValueSource> correlation = List.of(ValueSource.header("traceparent"));
  private List<ValueSource> eventType = ProcessDefinition.DEFAULT_EVENT_TYPE;
  private List<ValueSource> eventTime = ProcessDefinition.DEFAULT_EVENT_TIME;
  private List<ValueSource> eventId = ProcessDefinition.DEFAULT_EVENT_ID;
  private final List<StepDefinition> steps = new ArrayList<>();

  private ProcessFixture(String id) {
    this.id = id;
  }

  static ProcessFixture process(String id) {
    return new ProcessFixture(id);
  }

  static ValueSource header(String name) {
    return ValueSource.header(name);
  }

  static ValueSource json(String pointer) {
    return ValueSource.json(pointer);
  }

  static ProcessDefinitions definitions(ProcessFixture... processes) {
    return new ProcessDefinitions(Arrays.stream(processes).map(ProcessFixture::build).toList());
  }

  static RecordExtractor extractor(ProcessFixture... processes) {
    return new RecordExtractor(definitions(processes));
  }

  ProcessFixture correlation(ValueSource... sources) {
    this.correlation = List.of(sources);
    return this;
  }

  ProcessFixture eventType(ValueSource... sources) {
    this.eventType = List.of(sources);
    return this;
  }

  ProcessFixture eventTime(ValueSource... sources) {
    this.eventTime = List.of(sources);
    return this;
  }

  ProcessFixture eventId(ValueSource... sources) {
    this.eventId = List.of(sources);
    return this;
  }

  ProcessFixture step(String stepId, String topic, String type) {
    return step(stepId, topic, type, Map.of());
  }

  /** {@code where} as alternating pointer, value pairs. */
  ProcessFixture step(String stepId, String topic, String type, Object... where) {
    Map<String, Object> conditions = new LinkedHashMap<>();
    for (int i = 0; i + 1 < where.length; i += 2) {
      conditions.put((String) where[i], where[i + 1]);
    }
    return step(stepId, topic, type, conditions);
  }

  private ProcessFixture step(String stepId, String topic, String type, Map<String, Object> where) {
    After after = steps.isEmpty() ? After.NONE : new After(After.Mode.ALL, List.of(steps.get(0).id()));
    steps.add(new StepDefinition(stepId, topic, type, where, after, null, null, null, false, false, steps.size() + 1));
    return this;
  }

  ProcessDefinition build() {
    List<StepDefinition> all = new ArrayList<>(steps);
    if (!all.isEmpty()) {
      StepDefinition last = all.remove(all.size() - 1);
      all.add(new StepDefinition(last.id(), last.topic(), last.type(), last.where(), last.after(), null, null,
          EndKind.COMPLETED, false, false, last.line()));
    }
    return new ProcessDefinition(id, null, "v1", id + ".yaml", correlation, eventType, eventTime, eventId,
        ProcessDefinition.DEFAULT_REORDER_WINDOW, null, all, List.of());
  }
}
