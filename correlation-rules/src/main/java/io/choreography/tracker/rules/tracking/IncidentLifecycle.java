package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentCommand;
import io.choreography.tracker.model.IncidentStatus;
import java.time.Instant;

/**
 * OPEN -> ACKNOWLEDGED -> RESOLVED by operators. One set of rules for the API (which answers with the result) and
 * the tracker (which publishes it), so that both show the same incident with the same times.
 */
public final class IncidentLifecycle {

  private IncidentLifecycle() {}

  /**
   * The incident after the action at {@code at}, or the same instance when the action changes nothing: acknowledging
   * an ACKNOWLEDGED or RESOLVED incident, resolving a RESOLVED one.
   */
  public static Incident apply(IncidentCommand.Action action, Incident current, Instant at) {
    return switch (action) {
      case ACKNOWLEDGE -> current.status() != IncidentStatus.OPEN ? current
          : with(current, IncidentStatus.ACKNOWLEDGED, at, null);
      case RESOLVE -> current.status() == IncidentStatus.RESOLVED ? current
          : with(current, IncidentStatus.RESOLVED, current.acknowledgedAt(), at);
    };
  }

  private static Incident with(Incident i, IncidentStatus status, Instant acknowledgedAt, Instant resolvedAt) {
    return new Incident(i.id(), i.type(), status, i.process(), i.traceId(), i.step(), i.openedAt(), acknowledgedAt,
        resolvedAt, i.message(), i.count());
  }
}
