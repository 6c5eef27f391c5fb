package io.choreography.tracker.rules.tracking.state.mutable;

import io.choreography.tracker.rules.tracking.state.IncidentLifecyclesState;
import io.choreography.tracker.rules.tracking.state.LifecycleEntry;

/** Incident lifecycle entries, writable. */
public interface MutableIncidentLifecycles extends IncidentLifecyclesState {

  void put(String owner, String incidentId, LifecycleEntry entry);

  /** Removes every entry of the owner; returns how many there were. */
  int deleteAllFor(String owner);
}
