package io.choreography.tracker.model;

/** Why an incident was opened (SPEC section 4). */
public enum IncidentType {
  STUCK,
  DEADLINE,
  OUT_OF_ORDER,
  UNEXPECTED,
  UNCORRELATED,
  FAILED
}
