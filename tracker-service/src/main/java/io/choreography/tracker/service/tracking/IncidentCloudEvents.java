package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.rules.tracking.PublishedChange;
import io.choreography.tracker.service.topics.IncidentJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The value of a {@code tracker.incidents} record: a structured-mode CloudEvent per incident change. Its id,
 * {@code <incident id>/<OPENED|UPDATED|ACKNOWLEDGED|RESOLVED>/<count>}, is deterministic, so consumers can drop
 * replays.
 */
final class IncidentCloudEvents {

  static final String SOURCE = "/choreography-tracker";
  static final String CONTENT_TYPE = "application/cloudevents+json";

  private IncidentCloudEvents() {}

  /** @param at when the change happened on the tracker's time line (the time of an UPDATED change) */
  static byte[] of(PublishedChange change, long at) {
    Incident i = change.incident();
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("specversion", "1.0");
    event.put("id", i.id() + "/" + change.kind().name() + "/" + i.count());
    event.put("source", SOURCE);
    event.put("type", change.kind().cloudEventType());
    event.put("time", TrackerJson.time(timeOf(change, at)));
    event.put("subject", i.type() == IncidentType.UNCORRELATED || i.traceId() == null
        ? i.process() + "/" + i.step() : i.traceId());
    event.put("datacontenttype", "application/json");
    event.put("data", IncidentJson.toMap(i));
    return TrackerJson.MAPPER.writeValueAsBytes(event);
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
