package io.choreography.tracker.rules.tracking.state.memory;

import io.choreography.tracker.rules.tracking.state.mutable.MutableTrackingState;

/** The tracker's state in memory: for replay and tests. Not thread-safe, like the tracker itself. */
public final class InMemoryTrackingState implements MutableTrackingState {

  private final InMemoryInstances instances = new InMemoryInstances();
  private final InMemoryDueIndex dueIndex = new InMemoryDueIndex();
  private final InMemoryIncidentLifecycles lifecycles = new InMemoryIncidentLifecycles();
  private final InMemoryUncorrelatedCounts uncorrelatedCounts = new InMemoryUncorrelatedCounts();
  private final InMemoryKeyLinks keyLinks = new InMemoryKeyLinks();

  @Override
  public InMemoryInstances instances() {
    return instances;
  }

  @Override
  public InMemoryDueIndex dueIndex() {
    return dueIndex;
  }

  @Override
  public InMemoryIncidentLifecycles lifecycles() {
    return lifecycles;
  }

  @Override
  public InMemoryUncorrelatedCounts uncorrelatedCounts() {
    return uncorrelatedCounts;
  }

  @Override
  public InMemoryKeyLinks keyLinks() {
    return keyLinks;
  }
}
