package io.choreography.tracker.rules.tracking.state.mutable;

import io.choreography.tracker.rules.tracking.state.TrackingState;

/**
 * Everything the tracker keeps, writable: given to the tracker, which writes only through its applier. A driver
 * implements it with its own stores (Kafka Streams state stores in the service, maps in replay and tests).
 */
public interface MutableTrackingState extends TrackingState {

  @Override
  MutableInstances instances();

  @Override
  MutableDueIndex dueIndex();

  @Override
  MutableIncidentLifecycles lifecycles();

  @Override
  MutableUncorrelatedCounts uncorrelatedCounts();

  @Override
  MutableKeyLinks keyLinks();
}
