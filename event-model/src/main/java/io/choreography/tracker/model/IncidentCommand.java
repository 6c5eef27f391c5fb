package io.choreography.tracker.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An operator's action on an incident, on its way from the API to the tracker (the value of a commands-topic
 * record).
 *
 * @param action what the operator asked for
 * @param incidentId the incident
 * @param requestedAt when the API accepted the request: the time the incident change carries, so that the API's
 *     answer and the published change agree, also when the command is processed again after a crash
 * @param asDocumented the incident as its document showed it to the API: the truth for an incident the tracker
 *     has no lifecycle entry for (raised before operators' actions existed, or expired with its instance)
 */
public record IncidentCommand(Action action, String incidentId, Instant requestedAt, Incident asDocumented) {

  /** The two operator actions. */
  public enum Action {
    ACKNOWLEDGE,
    RESOLVE
  }

  public IncidentCommand {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(asDocumented, "asDocumented");
  }

  /**
   * The key that routes the command to the task owning the incident: the trace id, or {@code process/step} for an
   * incident without one (UNCORRELATED), exactly like the events of the re-keying topic.
   */
  public String partitionKey() {
    return asDocumented.traceId() != null ? asDocumented.traceId()
        : asDocumented.process() + "/" + asDocumented.step();
  }
}
