package io.choreography.tracker.rules.definition;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated process definition (SPEC section 2). Immutable.
 *
 * @param version a stable hash of the definition's content: instances keep the version they started with
 * @param source the file (or resource) it was loaded from, for messages
 * @param deadline null when the process has none
 * @param keys the process's other business ids (SPEC 3.12), by name in the order written, each with its value
 *     sources (the first that yields a value wins); empty for most processes
 */
public record ProcessDefinition(
    String id,
    String name,
    String version,
    String source,
    List<ValueSource> correlation,
    List<ValueSource> eventType,
    List<ValueSource> eventTime,
    List<ValueSource> eventId,
    Duration reorderWindow,
    Duration deadline,
    List<StepDefinition> steps,
    List<Escalation> escalations,
    Map<String, List<ValueSource>> keys) {

  public static final List<ValueSource> DEFAULT_EVENT_TYPE =
      List.of(ValueSource.header("ce_type"), ValueSource.json("/type"));
  public static final List<ValueSource> DEFAULT_EVENT_TIME =
      List.of(ValueSource.header("ce_time"), ValueSource.json("/time"));
  public static final List<ValueSource> DEFAULT_EVENT_ID =
      List.of(ValueSource.header("ce_id"), ValueSource.json("/id"));
  public static final Duration DEFAULT_REORDER_WINDOW = Duration.ofSeconds(30);

  public ProcessDefinition {
    correlation = List.copyOf(correlation);
    eventType = List.copyOf(eventType);
    eventTime = List.copyOf(eventTime);
    eventId = List.copyOf(eventId);
    steps = List.copyOf(steps);
    escalations = List.copyOf(escalations);
    Map<String, List<ValueSource>> copy = new LinkedHashMap<>();
    keys.forEach((key, sources) -> copy.put(key, List.copyOf(sources)));
    keys = Collections.unmodifiableMap(copy);
  }

  /** A process without business keys. */
  public ProcessDefinition(String id, String name, String version, String source, List<ValueSource> correlation,
      List<ValueSource> eventType, List<ValueSource> eventTime, List<ValueSource> eventId, Duration reorderWindow,
      Duration deadline, List<StepDefinition> steps, List<Escalation> escalations) {
    this(id, name, version, source, correlation, eventType, eventTime, eventId, reorderWindow, deadline, steps,
        escalations, Map.of());
  }

  public String displayName() {
    return name == null ? id : name;
  }

  /** The step of that id, or null. */
  public StepDefinition step(String stepId) {
    for (StepDefinition s : steps) {
      if (s.id().equals(stepId)) {
        return s;
      }
    }
    return null;
  }
}
