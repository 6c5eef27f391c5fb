package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.incidents.IncidentChange;
import io.choreography.tracker.model.incidents.IncidentCodec;
import io.choreography.tracker.rules.tracking.PublishedChange;
import java.time.Instant;

/**
 * The value of a {@code tracker.incidents} record: the engine's incident change as {@link IncidentCodec} writes it,
 * stamped with the time of the change itself.
 */
final class IncidentCloudEvents {

  private IncidentCloudEvents() {}

  /** @param at when the change happened on the tracker's time line (the time of an UPDATED change) */
  static byte[] of(PublishedChange change, long at) {
    return IncidentCodec.encode(IncidentChange.of(change.kind().name(), change.incident(),
        Instant.ofEpochMilli(timeOf(change, at))));
  }

  /**
   * The time of the change itself: when it opened, was acknowledged or resolved, or, for an update, when the
   * occurrence it counts arrived.
   */
  private static long timeOf(PublishedChange change, long at) {
    Incident i = change.incident();
    Instant time = switch (change.kind()) {
      case OPENED -> i.openedAt();
      case ACKNOWLEDGED -> i.acknowledgedAt();
      case RESOLVED -> i.resolvedAt();
      case UPDATED -> null;
    };
    return time != null ? time.toEpochMilli() : at;
  }
}
