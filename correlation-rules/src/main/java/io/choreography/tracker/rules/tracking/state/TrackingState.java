package io.choreography.tracker.rules.tracking.state;

/**
 * Everything the tracker keeps, read-only: the rules read through this; only the tracker's applier writes, through
 * {@link io.choreography.tracker.rules.tracking.state.mutable.MutableTrackingState}.
 */
public interface TrackingState {

  InstancesState instances();

  DueIndexState dueIndex();

  IncidentLifecyclesState lifecycles();

  UncorrelatedCountsState uncorrelatedCounts();

  KeyLinksState keyLinks();
}
