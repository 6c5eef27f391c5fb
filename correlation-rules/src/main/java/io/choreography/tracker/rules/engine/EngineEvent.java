package io.choreography.tracker.rules.engine;

import java.util.Objects;

/**
 * One event as the engine sees it: it matched step {@code step} (index into the {@link CompiledProcess}) of
 * process {@code process} and carries a trace id. Times are epoch milliseconds.
 *
 * @param eventTime when the event happened, as the event says (SPEC 3.1, 3.2)
 * @param arrivedAt when it arrived: the Kafka timestamp of the record it came from, never the moment the tracker
 *     read it. Reorder windows are measured between arrivals (SPEC 3.5), and incidents the event causes open then.
 */
public record EngineEvent(String process, int step, String traceId, String eventId, long eventTime, String topic,
    String type, long arrivedAt) {

  public EngineEvent {
    Objects.requireNonNull(traceId, "traceId (events without one go to UncorrelatedEventCounter)");
    Objects.requireNonNull(eventId, "eventId");
  }

  /** Builds the event from a step id; throws when the process has no such step. */
  public static EngineEvent of(CompiledProcess process, String stepId, String traceId, String eventId,
      long eventTime, String topic, String type, long arrivedAt) {
    int step = process.stepIndex(stepId);
    if (step < 0) {
      throw new IllegalArgumentException("process " + process.id() + " has no step " + stepId);
    }
    return new EngineEvent(process.id(), step, traceId, eventId, eventTime, topic, type, arrivedAt);
  }
}
