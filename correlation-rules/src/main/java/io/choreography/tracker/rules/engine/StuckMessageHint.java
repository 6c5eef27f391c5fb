package io.choreography.tracker.rules.engine;

/**
 * Lets the service append what it knows about a step to a STUCK message, e.g. "; p95 of this step is 40s".
 * The engine itself has no statistics.
 */
@FunctionalInterface
public interface StuckMessageHint {

  StuckMessageHint NONE = (process, step) -> "";

  /** Text appended verbatim to the STUCK message (start it with "; "), or "" for nothing. */
  String suffix(String process, String step);
}
