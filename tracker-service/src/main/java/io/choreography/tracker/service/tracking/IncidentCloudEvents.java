package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.rules.engine.IncidentChange;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The value of a {@code tracker.incidents} record: a structured-mode CloudEvent per incident change. Its id,
 * {@code <incident id>/<OPENED|UPDATED|RESOLVED>/<count>}, is deterministic, so consumers can drop replays.
 */
final class IncidentCloudEvents {

  static final String SOURCE = "/choreography-tracker";
  static final String CONTENT_TYPE = "application/cloudevents+json";

  private IncidentCloudEvents() {}

  static byte[] of(IncidentChange change, long now) {
    Incident i = change.incident();
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("specversion", "1.0");
    event.put("id", i.id() + "/" + change.kind().name() + "/" + i.count());
    event.put("source", SOURCE);
    event.put("type", "tracker.incident." + change.kind().name().toLowerCase(Locale.ROOT));
    event.put("time", TrackerJson.time(timeOf(change, now)));
    event.put("subject", i.type() == IncidentType.UNCORRELATED || i.traceId() == null
        ? i.process() + "/" + i.step() : i.traceId());
    event.put("datacontenttype", "application/json");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", i.id());
    data.put("type", i.type().name());
    data.put("status", i.status().name());
    data.put("process", i.process());
    data.put("traceId", i.traceId());
    data.put("step", i.step());
    data.put("openedAt", TrackerJson.time(i.openedAt()));
    data.put("acknowledgedAt", TrackerJson.time(i.acknowledgedAt()));
    data.put("resolvedAt", TrackerJson.time(i.resolvedAt()));
    data.put("message", i.message());
    data.put("count", i.count());
    event.put("data", data);
    return TrackerJson.MAPPER.writeValueAsBytes(event);
  }

  /** The time of the change itself: when it opened, when it resolved, or now for an update. */
  private static long timeOf(IncidentChange change, long now) {
    Incident i = change.incident();
    return switch (change.kind()) {
      case OPENED -> i.openedAt() != null ? i.openedAt().toEpochMilli() : now;
      case RESOLVED -> i.resolvedAt() != null ? i.resolvedAt().toEpochMilli() : now;
      case UPDATED -> now;
    };
  }
}
