package io.choreography.tracker.model;

/** Status of a process instance (SPEC 3.11). STUCK is RUNNING with an open STUCK or DEADLINE incident. */
public enum InstanceStatus {
  RUNNING,
  STUCK,
  COMPLETED,
  FAILED;

  public boolean ended() {
    return this == COMPLETED || this == FAILED;
  }
}
