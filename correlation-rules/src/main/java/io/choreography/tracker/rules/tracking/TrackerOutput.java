package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.rules.engine.EscalationCommand;

/**
 * Where the tracker's results go: the service forwards them to its topics, replay prints them. Called in the order
 * the results happen; {@code at} is when, on the tracker's time line (an event's arrival, a verdict time, an
 * operator's request time).
 */
public interface TrackerOutput {

  /** An instance changed visibly. */
  void instanceChanged(InstanceChange change);

  /** An incident opened, was updated, acknowledged or resolved, with its lifecycle applied. */
  void incidentChanged(PublishedChange change, long at);

  /** An escalation fell due: emit its event. */
  void escalation(EscalationCommand command, long at);
}
