package io.choreography.tracker.service.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The API's shape of an instance, from its document (the fields only kept for searching are left out). */
final class InstanceViews {

  private static final List<String> FIELDS = List.of("process", "traceId", "version", "status", "startedAt",
      "endedAt", "updatedAt", "steps", "waitingFor", "openIncidents");

  private InstanceViews() {}

  static Map<String, Object> of(JsonNode document) {
    Map<String, Object> view = new LinkedHashMap<>();
    for (String field : FIELDS) {
      JsonNode v = document.path(field);
      view.put(field, v.isMissingNode() ? null : v);
    }
    return view;
  }

  static Map<String, Object> withIncidents(JsonNode document, List<JsonNode> incidents) {
    Map<String, Object> view = of(document);
    view.put("incidents", incidents);
    return view;
  }
}
