package io.choreography.tracker.service.alerting;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.incidents.IncidentChange;
import io.choreography.tracker.model.incidents.IncidentCodec;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/** Incident CloudEvents as the tracking topology publishes them (its codec), for unit tests of what reads them. */
final class TestIncidentEvents {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private TestIncidentEvents() {}

  /**
   * @param kind OPENED, UPDATED, ACKNOWLEDGED or RESOLVED
   * @param time the event's time; also openedAt (minus a minute) and resolvedAt
   */
  static IncidentEvent event(String kind, String incidentId, String type, String traceId, String step,
      Instant time) {
    Incident incident = new Incident(incidentId, IncidentType.valueOf(type), switch (kind) {
      case "RESOLVED" -> IncidentStatus.RESOLVED;
      case "ACKNOWLEDGED" -> IncidentStatus.ACKNOWLEDGED;
      default -> IncidentStatus.OPEN;
    }, "order-fulfillment", traceId, step, time.minusSeconds(60), kind.equals("ACKNOWLEDGED") ? time : null,
        kind.equals("RESOLVED") ? time : null, "waiting 1m for " + step, 1);
    return IncidentEvent.parse(IncidentCodec.encode(IncidentChange.of(kind, incident, time)));
  }

  static IncidentEvent stuck(String kind, String traceId, Instant time) {
    return event(kind, "order-fulfillment/" + traceId + "/STUCK/payment-received", "STUCK", traceId,
        "payment-received", time);
  }
}
