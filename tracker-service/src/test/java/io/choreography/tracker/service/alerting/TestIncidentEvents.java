package io.choreography.tracker.service.alerting;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Incident CloudEvents as the tracking topology publishes them, for unit tests of what reads them. */
final class TestIncidentEvents {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private TestIncidentEvents() {}

  /**
   * @param kind OPENED, UPDATED, ACKNOWLEDGED or RESOLVED
   * @param time the event's time; also openedAt (minus a minute) and resolvedAt
   */
  static IncidentEvent event(String kind, String incidentId, String type, String traceId, String step,
      Instant time) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", incidentId);
    data.put("type", type);
    data.put("status", switch (kind) {
      case "RESOLVED" -> "RESOLVED";
      case "ACKNOWLEDGED" -> "ACKNOWLEDGED";
      default -> "OPEN";
    });
    data.put("process", "order-fulfillment");
    data.put("traceId", traceId);
    data.put("step", step);
    data.put("openedAt", time.minusSeconds(60).toString());
    data.put("acknowledgedAt", kind.equals("ACKNOWLEDGED") ? time.toString() : null);
    data.put("resolvedAt", kind.equals("RESOLVED") ? time.toString() : null);
    data.put("message", "waiting 1m for " + step);
    data.put("count", 1);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("specversion", "1.0");
    event.put("id", incidentId + "/" + kind + "/1");
    event.put("source", "/choreography-tracker");
    event.put("type", "tracker.incident." + kind.toLowerCase());
    event.put("time", time.toString());
    event.put("data", data);
    return IncidentEvent.parse(JSON, JSON.writeValueAsBytes(event));
  }

  static IncidentEvent stuck(String kind, String traceId, Instant time) {
    return event(kind, "order-fulfillment/" + traceId + "/STUCK/payment-received", "STUCK", traceId,
        "payment-received", time);
  }
}
