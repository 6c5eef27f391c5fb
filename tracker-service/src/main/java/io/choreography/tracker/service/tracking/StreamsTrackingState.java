package io.choreography.tracker.service.tracking;

import io.choreography.tracker.rules.tracking.state.mutable.MutableTrackingState;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/** The tracker's state in the task's Kafka Streams stores (see {@link TrackingStores}). */
final class StreamsTrackingState implements MutableTrackingState {

  private final StreamsInstances instances;
  private final StreamsDueIndex dueIndex;
  private final StreamsIncidentLifecycles lifecycles;
  private final StreamsUncorrelatedCounts uncorrelatedCounts;
  private final StreamsKeyLinks keyLinks;

  StreamsTrackingState(ProcessingContext context) {
    instances = new StreamsInstances(context.getStateStore(TrackingStores.INSTANCES));
    dueIndex = new StreamsDueIndex(context.getStateStore(TrackingStores.DUE_INDEX));
    lifecycles = new StreamsIncidentLifecycles(context.getStateStore(TrackingStores.INCIDENT_LIFECYCLE));
    uncorrelatedCounts = new StreamsUncorrelatedCounts(context.getStateStore(TrackingStores.UNCORRELATED));
    keyLinks = new StreamsKeyLinks(context.getStateStore(TrackingStores.KEY_LINKS));
  }

  @Override
  public StreamsInstances instances() {
    return instances;
  }

  @Override
  public StreamsDueIndex dueIndex() {
    return dueIndex;
  }

  @Override
  public StreamsIncidentLifecycles lifecycles() {
    return lifecycles;
  }

  @Override
  public StreamsUncorrelatedCounts uncorrelatedCounts() {
    return uncorrelatedCounts;
  }

  @Override
  public StreamsKeyLinks keyLinks() {
    return keyLinks;
  }
}
