package io.choreography.tracker.service.topics;

import io.choreography.tracker.model.IncidentCommand;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The value of a commands-topic record (key: the incident id), UTF-8 JSON:
 * {@code {"action":"ACKNOWLEDGE|RESOLVE","incidentId","requestedAt","incident":{…the incident as documented…}}}.
 */
public final class IncidentCommandJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private IncidentCommandJson() {}

  public static byte[] encode(IncidentCommand command) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("action", command.action().name());
    value.put("incidentId", command.incidentId());
    value.put("requestedAt", command.requestedAt().toString());
    value.put("incident", IncidentJson.toMap(command.asDocumented()));
    return JSON.writeValueAsBytes(value);
  }

  /** Throws IllegalArgumentException on anything that is not a command. */
  public static IncidentCommand decode(byte[] value) {
    try {
      JsonNode node = JSON.readTree(value);
      return new IncidentCommand(IncidentCommand.Action.valueOf(node.path("action").asString("")),
          node.path("incidentId").asString(null), Instant.parse(node.path("requestedAt").asString("")),
          IncidentJson.fromJson(node.path("incident")));
    } catch (RuntimeException e) {
      // Jackson's exceptions are unchecked too
      throw new IllegalArgumentException("not an incident command: " + e.getMessage(), e);
    }
  }
}
