package io.choreography.tracker.service.api;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.incidents.IncidentCodec;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's shape of an incident (SPEC section 4), from its document or from the incident itself, as {@link
 * IncidentCodec} reads and writes it.
 */
final class IncidentViews {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};

  private IncidentViews() {}

  /** The incident of a document; fields kept only for searching (updatedAt) are left out. */
  static Incident incident(JsonNode document) {
    try {
      return IncidentCodec.incident(JSON.convertValue(document, FIELDS));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("incident document cannot be read: " + e.getMessage(), e);
    }
  }

  static Map<String, Object> of(JsonNode document) {
    return of(incident(document));
  }

  static Map<String, Object> of(Incident incident) {
    return IncidentCodec.fields(incident);
  }
}
