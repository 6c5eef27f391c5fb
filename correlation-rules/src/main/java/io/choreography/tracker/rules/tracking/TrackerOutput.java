package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.model.intake.KeyLink;
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

  /**
   * A match must go on to the task that owns its {@link MatchedEvent#routingKey()} (an instance, or the link of a
   * business key value, SPEC 3.12), there to be applied with {@link Tracker#apply}. Only processes with keys cause
   * this.
   */
  void routed(MatchedEvent event);

  /**
   * A business key value was linked to an instance, or the link removed with it: it must reach the task that owns
   * {@link KeyLink#linkKey()}, there to be applied with {@link Tracker#link}. Only processes with keys cause this.
   */
  void linked(KeyLink link);
}
