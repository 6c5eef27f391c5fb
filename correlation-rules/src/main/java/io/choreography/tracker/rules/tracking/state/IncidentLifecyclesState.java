package io.choreography.tracker.rules.tracking.state;

/**
 * Incident lifecycle entries by owner and incident id, read-only. The owner is the instance key ({@code
 * process/traceId}) of the incident, or {@code process/\u0001step} for an UNCORRELATED one, so that the entries of
 * an instance leave with it.
 */
public interface IncidentLifecyclesState {

  /** The entry of that incident, or null. */
  LifecycleEntry get(String owner, String incidentId);

  /** Whether the owner has any entry. */
  boolean anyFor(String owner);
}
