package io.choreography.tracker.rules.tracking.state.mutable;

import io.choreography.tracker.rules.tracking.state.UncorrelatedCountsState;

/** The UNCORRELATED counts, writable. */
public interface MutableUncorrelatedCounts extends UncorrelatedCountsState {

  void put(String process, String step, long count);
}
