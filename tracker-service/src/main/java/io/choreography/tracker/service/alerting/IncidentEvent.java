package io.choreography.tracker.service.alerting;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One record of the incident topic: a structured CloudEvent whose {@code data} is the incident.
 *
 * @param id the CloudEvent id ({@code <incident id>/<OPENED|UPDATED|ACKNOWLEDGED|RESOLVED>/<count>}), stable across
 *     redelivery
 * @param type {@code tracker.incident.opened|updated|acknowledged|resolved}
 * @param time when it happened, or null when absent or unreadable
 * @param incident the {@code data} object
 * @param json the CloudEvent as read, byte for byte
 */
public record IncidentEvent(String id, String type, Instant time, JsonNode incident, byte[] json) {

  public static final String OPENED = "tracker.incident.opened";
  public static final String UPDATED = "tracker.incident.updated";
  public static final String RESOLVED = "tracker.incident.resolved";
  public static final String ACKNOWLEDGED = "tracker.incident.acknowledged";

  /** Parses a record value; throws on anything that is not an incident CloudEvent. */
  public static IncidentEvent parse(JsonMapper json, byte[] value) {
    if (value == null || value.length == 0) {
      throw new IllegalArgumentException("empty record");
    }
    JsonNode root = json.readTree(value);
    String id = root.path("id").asString(null);
    String type = root.path("type").asString(null);
    JsonNode data = root.path("data");
    if (id == null || type == null || !data.isObject()) {
      throw new IllegalArgumentException("not an incident CloudEvent (id, type and a data object are needed)");
    }
    return new IncidentEvent(id, type, instant(root.path("time").asString(null)), data, value);
  }

  private static Instant instant(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  public String incidentId() {
    return incident.path("id").asString(id);
  }

  public String field(String name) {
    JsonNode v = incident.path(name);
    return v.isNull() || v.isMissingNode() ? null : v.asString();
  }

  /** True when this event leaves the incident resolved. */
  public boolean resolves() {
    return RESOLVED.equals(type) || "RESOLVED".equals(field("status"));
  }
}
