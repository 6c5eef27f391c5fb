package io.choreography.tracker.service.api;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.service.topics.IncidentJson;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The API's shape of an incident (SPEC section 4), from its document or from the incident itself. */
final class IncidentViews {

  private IncidentViews() {}

  /** The incident of a document; fields kept only for searching (updatedAt) are left out. */
  static Incident incident(JsonNode document) {
    try {
      return IncidentJson.fromJson(document);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("incident document cannot be read: " + e.getMessage(), e);
    }
  }

  static Map<String, Object> of(JsonNode document) {
    return of(incident(document));
  }

  static Map<String, Object> of(Incident incident) {
    return IncidentJson.toMap(incident);
  }
}
