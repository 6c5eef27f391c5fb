package io.choreography.tracker.model;

/** Lifecycle of an incident: OPEN, then optionally ACKNOWLEDGED by an operator, then RESOLVED. */
public enum IncidentStatus {
  OPEN,
  ACKNOWLEDGED,
  RESOLVED
}
