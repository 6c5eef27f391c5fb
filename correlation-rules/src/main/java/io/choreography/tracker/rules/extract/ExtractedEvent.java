package io.choreography.tracker.rules.extract;

import io.choreography.tracker.model.OrderedMaps;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the tracker reads from one record.
 *
 * <p>For a record that matches steps, {@code traceId}, {@code eventId}, {@code type} and {@code time} are those of
 * the first match. For one that matches nothing they come from the default sources plus every source named in
 * the loaded definitions (SPEC section 2), so that a trace search still finds it.
 *
 * @param traceId null when no source yielded one
 * @param type null when no source yielded one
 * @param time never null: falls back to the record timestamp
 * @param eventId never null: falls back to "topic-partition-offset"
 * @param cloudEvent true for a CloudEvent in binary or structured mode
 * @param problems values the record carried that the tracker could not use as they were (see {@link IdLimits}):
 *     a refused trace id (the match is then uncorrelated), an overlong type (treated as absent) or event id
 *     (replaced by its digest); empty for almost every record
 * @param keys the business key values the record carries (SPEC 3.12), by key name, over every process that names
 *     keys; empty when none
 * @param causationId the CloudEvents {@code causationid}: the id of the event that caused this one, or null
 */
public record ExtractedEvent(
    String eventId,
    String traceId,
    String type,
    Instant time,
    Payload payload,
    boolean cloudEvent,
    List<StepMatch> matches,
    List<String> problems,
    Map<String, String> keys,
    String causationId) {

  public ExtractedEvent {
    matches = List.copyOf(matches);
    problems = List.copyOf(problems);
    keys = OrderedMaps.copyOf(keys);
  }

  public ExtractedEvent(String eventId, String traceId, String type, Instant time, Payload payload,
      boolean cloudEvent, List<StepMatch> matches, List<String> problems) {
    this(eventId, traceId, type, time, payload, cloudEvent, matches, problems, Map.of(), null);
  }

  /** An event without problems. */
  public ExtractedEvent(String eventId, String traceId, String type, Instant time, Payload payload,
      boolean cloudEvent, List<StepMatch> matches) {
    this(eventId, traceId, type, time, payload, cloudEvent, matches, List.of());
  }

  public boolean matched() {
    return !matches.isEmpty();
  }
}
