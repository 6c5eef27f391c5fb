package io.choreography.tracker.rules.definition;

/** What reaching an end step makes of the instance. */
public enum EndKind {
  COMPLETED,
  FAILED
}
