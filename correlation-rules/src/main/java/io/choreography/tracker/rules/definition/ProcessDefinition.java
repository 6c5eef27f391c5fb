package io.choreography.tracker.rules.definition;

import java.time.Duration;
import java.util.List;

/**
 * A validated process definition (SPEC section 2). Immutable.
 *
 * @param version a stable hash of the definition's content: instances keep the version they started with
 * @param source the file (or resource) it was loaded from, for messages
 * @param deadline null when the process has none
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
    List<Escalation> escalations) {

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
