package io.choreography.tracker.model.incidents;

import static io.choreography.tracker.model.wire.JsonTrees.map;
import static io.choreography.tracker.model.wire.JsonTrees.text;

import io.choreography.tracker.model.IncidentCommand;
import io.choreography.tracker.model.IsoInstants;
import io.choreography.tracker.model.wire.JsonTrees;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The one codec of the incident commands (an operator acknowledged or resolved an incident; key: the incident id),
 * UTF-8 JSON:
 *
 * <pre>
 * {"action": "ACKNOWLEDGE|RESOLVE", "incidentId", "requestedAt", "incident": {…the incident as documented…}}
 * </pre>
 */
public final class IncidentCommandCodec {

  private static final JsonFactory JSON = new JsonFactory();

  private IncidentCommandCodec() {}

  public static byte[] encode(IncidentCommand command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("action", command.action().name());
      g.writeStringProperty("incidentId", command.incidentId());
      g.writeStringProperty("requestedAt", IsoInstants.format(command.requestedAt()));
      g.writeName("incident");
      IncidentCodec.write(g, command.asDocumented());
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** Throws IllegalArgumentException on anything that is not a command. */
  public static IncidentCommand decode(byte[] value) {
    try {
      Map<String, Object> f = JsonTrees.object(value, "an incident command");
      String action = text(f.get("action"));
      String requestedAt = text(f.get("requestedAt"));
      if (action == null || requestedAt == null) {
        throw new IllegalArgumentException("action and requestedAt are needed");
      }
      return new IncidentCommand(IncidentCommand.Action.valueOf(action), text(f.get("incidentId")),
          Instant.parse(requestedAt), IncidentCodec.incident(map(f.get("incident"))));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not an incident command: " + e.getMessage(), e);
    }
  }
}
