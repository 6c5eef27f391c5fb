package io.choreography.tracker.service.topics;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.model.IncidentType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The JSON shape of an incident (SPEC section 4): {@code data} of the incident CloudEvents, the incident document,
 * the API's answer, and the incident inside a command. Times are ISO-8601 UTC strings.
 */
public final class IncidentJson {

  private IncidentJson() {}

  public static Map<String, Object> toMap(Incident i) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", i.id());
    data.put("type", i.type().name());
    data.put("status", i.status().name());
    data.put("process", i.process());
    data.put("traceId", i.traceId());
    data.put("step", i.step());
    data.put("openedAt", time(i.openedAt()));
    data.put("acknowledgedAt", time(i.acknowledgedAt()));
    data.put("resolvedAt", time(i.resolvedAt()));
    data.put("message", i.message());
    data.put("count", i.count());
    return data;
  }

  /** Reads an incident; throws IllegalArgumentException when id, type, status or process is missing or unknown. */
  public static Incident fromJson(JsonNode node) {
    String id = text(node, "id");
    String type = text(node, "type");
    String status = text(node, "status");
    String process = text(node, "process");
    if (id == null || type == null || status == null || process == null) {
      throw new IllegalArgumentException("an incident needs id, type, status and process");
    }
    return new Incident(id, IncidentType.valueOf(type), IncidentStatus.valueOf(status), process,
        text(node, "traceId"), text(node, "step"), instant(node, "openedAt"), instant(node, "acknowledgedAt"),
        instant(node, "resolvedAt"), text(node, "message"), node.path("count").asLong(1));
  }

  static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isString() ? v.asString() : null;
  }

  private static Instant instant(JsonNode node, String field) {
    String t = text(node, field);
    try {
      return t == null ? null : Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " is not an ISO-8601 time: " + t, e);
    }
  }
}
