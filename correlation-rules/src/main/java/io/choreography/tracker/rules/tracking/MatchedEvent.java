package io.choreography.tracker.rules.tracking;

import java.util.Objects;

/**
 * One step match of a record, as the tracker applies it. Times are epoch milliseconds.
 *
 * @param traceId null for a match without one (SPEC 3.8: counted as UNCORRELATED)
 * @param eventTime when the event happened, as the event says
 * @param arrivedAt the Kafka timestamp of the record the match came from: reorder windows, the window after an
 *     end and the retention are measured between arrivals, and incidents the event causes open then
 */
public record MatchedEvent(String process, String step, String traceId, String eventId, long eventTime,
    String topic, String type, long arrivedAt) {

  public MatchedEvent {
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(eventId, "eventId");
  }
}
