package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentCommand;
import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.rules.engine.IncidentChange;
import io.choreography.tracker.rules.tracking.state.IncidentLifecyclesState;
import io.choreography.tracker.rules.tracking.state.LifecycleEntry;
import java.time.Instant;

/**
 * What the engine does not know about its incidents: when each opened, whether and when an operator acknowledged or
 * resolved it. Every incident change the tracker publishes passes through here, so that
 * <ul>
 *   <li>{@code openedAt} never changes after the incident opened (the engine's UPDATED carries the time of the
 *       occurrence it counts),
 *   <li>an acknowledged incident stays ACKNOWLEDGED, with its {@code acknowledgedAt}, in later changes,
 *   <li>an incident resolved once (by an operator, typically) is not resolved again when the engine resolves it.
 * </ul>
 * Reads the lifecycle entries only; the decision says what to store and what to publish.
 */
final class IncidentOverlay {

  private IncidentOverlay() {}

  /** A decision: store {@code entry} for the incident and publish {@code change}. */
  record Update(String owner, String incidentId, LifecycleEntry entry, PublishedChange change) {}

  /** What the engine's change makes of the incident, or null when it must not be published. */
  static Update engineChange(IncidentChange change, IncidentLifecyclesState lifecycles) {
    Incident reported = change.incident();
    String owner = InstanceKeys.ownerOf(reported);
    LifecycleEntry known = lifecycles.get(owner, reported.id());
    return switch (change.kind()) {
      case OPENED -> {
        // a new opening, unless the same incident is still open (then its lifecycle so far stays)
        Incident opened = known == null || known.incident().status() == IncidentStatus.RESOLVED ? reported
            : keepLifecycle(reported, known.incident(), known.incident().status(), null);
        yield update(owner, opened, false, PublishedChange.Kind.OPENED);
      }
      case UPDATED -> {
        // unknown: raised before lifecycle entries existed; from now on its openedAt is the one of this change
        Incident updated = known == null ? reported
            : keepLifecycle(reported, known.incident(), known.incident().status(), known.incident().resolvedAt());
        yield update(owner, updated, known != null && known.resolvedByOperator(), PublishedChange.Kind.UPDATED);
      }
      case RESOLVED -> {
        if (known != null && known.incident().status() == IncidentStatus.RESOLVED) {
          yield null;
        }
        Incident resolved = known == null ? reported
            : keepLifecycle(reported, known.incident(), IncidentStatus.RESOLVED, reported.resolvedAt());
        yield update(owner, resolved, false, PublishedChange.Kind.RESOLVED);
      }
    };
  }

  /**
   * What an operator's command makes of the incident, or null when it changes nothing (already in that state, or
   * resolved). An incident without an entry is taken as its document showed it to the API.
   */
  static Update command(IncidentCommand command, IncidentLifecyclesState lifecycles) {
    String owner = InstanceKeys.ownerOf(command.asDocumented());
    LifecycleEntry known = lifecycles.get(owner, command.asDocumented().id());
    Incident current = known != null ? known.incident() : command.asDocumented();
    Incident after = IncidentLifecycle.apply(command.action(), current, command.requestedAt());
    if (after == current) {
      return null;
    }
    boolean byOperator = command.action() == IncidentCommand.Action.RESOLVE;
    return update(owner, after, byOperator || (known != null && known.resolvedByOperator()),
        byOperator ? PublishedChange.Kind.RESOLVED : PublishedChange.Kind.ACKNOWLEDGED);
  }

  private static Update update(String owner, Incident incident, boolean resolvedByOperator,
      PublishedChange.Kind kind) {
    return new Update(owner, incident.id(), new LifecycleEntry(incident, resolvedByOperator),
        new PublishedChange(kind, incident));
  }

  /** The lifecycle fields of {@code known} on the engine's latest view of the incident (message, count). */
  private static Incident keepLifecycle(Incident reported, Incident known, IncidentStatus status,
      Instant resolvedAt) {
    return new Incident(reported.id(), reported.type(), status, reported.process(), reported.traceId(),
        reported.step(), known.openedAt() != null ? known.openedAt() : reported.openedAt(), known.acknowledgedAt(),
        resolvedAt, reported.message(), reported.count());
  }
}
