package io.choreography.tracker.model.intake;

import java.util.Objects;

/**
 * The record matched step {@code step} of process {@code process}.
 *
 * @param traceId null when the process's correlation sources yielded no usable trace id (UNCORRELATED)
 * @param eventTime epoch ms
 */
public record ForwardedMatch(String process, String step, String traceId, String eventId, long eventTime) {

  public ForwardedMatch {
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(eventId, "eventId");
  }

  /**
   * The key that routes a match to the task owning its instance: the trace id, or {@code process/step} for a match
   * without one, whose UNCORRELATED counter one task owns.
   */
  public String routingKey() {
    return traceId != null ? traceId : process + "/" + step;
  }
}
