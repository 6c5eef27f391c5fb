package io.choreography.tracker.rules.tracking.state;

/** How many events without a trace id matched each (process, step) so far (SPEC 3.8), read-only. */
public interface UncorrelatedCountsState {

  /** 0 when none did. */
  long count(String process, String step);
}
