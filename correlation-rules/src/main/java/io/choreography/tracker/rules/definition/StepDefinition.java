package io.choreography.tracker.rules.definition;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a process.
 *
 * @param topic a topic name or a glob ({@code orders.*})
 * @param type matched exactly against the event type
 * @param where JSON Pointer to scalar (String, Long, Double, Boolean or null) that must all be equal
 * @param within null when the step has no due time
 * @param choice null when the step is not part of a choice
 * @param end null when reaching the step does not end the instance
 * @param line the line of the step in its file, for messages
 */
public record StepDefinition(
    String id,
    String topic,
    String type,
    Map<String, Object> where,
    After after,
    Duration within,
    String choice,
    EndKind end,
    boolean optional,
    boolean repeat,
    int line) {

  public StepDefinition {
    // Not Map.copyOf: a where value may be null (`where: {/cancelledAt: null}`), which Map.copyOf rejects.
    where = where == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(where));
    after = after == null ? After.NONE : after;
  }

  public boolean isStart() {
    return after.isStart();
  }
}
