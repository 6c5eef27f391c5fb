package io.choreography.tracker.rules.extract;

import io.choreography.tracker.model.OrderedMaps;
import java.time.Instant;
import java.util.Map;

/**
 * The record matches step {@code step} of process {@code process}; trace id, event id and time were read
 * with that process's sources. {@code traceId} is null when none of the process's correlation sources
 * yielded a value (an UNCORRELATED event, SPEC 3.8).
 */
public record StepMatch(String process, String step, String traceId, String eventId, Instant time,
    Map<String, String> keys) {

  /**
   * @param keys the values of the process's business keys the record carries (SPEC 3.12), by key name in
   *     definition order; empty when it carries none
   */
  public StepMatch {
    keys = OrderedMaps.copyOf(keys);
  }

  /** A match that carries no business key. */
  public StepMatch(String process, String step, String traceId, String eventId, Instant time) {
    this(process, step, traceId, eventId, time, Map.of());
  }
}
