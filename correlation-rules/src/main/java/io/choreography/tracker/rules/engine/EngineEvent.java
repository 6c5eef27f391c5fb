package io.choreography.tracker.rules.engine;

import java.util.Objects;

/**
 * One event as the engine sees it: it matched step {@code step} (index into the {@link CompiledProcess}) of
 * process {@code process} and carries a trace id. {@code eventTime} is epoch milliseconds.
 */
public record EngineEvent(
    String process, int step, String traceId, String eventId, long eventTime, String topic, String type) {

  public EngineEvent {
    Objects.requireNonNull(traceId, "traceId (events without one go to UncorrelatedEventCounter)");
    Objects.requireNonNull(eventId, "eventId");
  }

  /** Builds the event from a step id; throws when the process has no such step. */
  public static EngineEvent of(CompiledProcess process, String stepId, String traceId, String eventId,
      long eventTime, String topic, String type) {
    int step = process.stepIndex(stepId);
    if (step < 0) {
      throw new IllegalArgumentException("process " + process.id() + " has no step " + stepId);
    }
    return new EngineEvent(process.id(), step, traceId, eventId, eventTime, topic, type);
  }
}
