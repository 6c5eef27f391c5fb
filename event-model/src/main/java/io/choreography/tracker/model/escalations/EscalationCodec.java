package io.choreography.tracker.model.escalations;

import static io.choreography.tracker.model.wire.JsonTrees.map;
import static io.choreography.tracker.model.wire.JsonTrees.text;

import io.choreography.tracker.model.incidents.IncidentCodec;
import io.choreography.tracker.model.wire.JsonTrees;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The one codec of escalations: a structured-mode CloudEvent that carries the trace id as {@code subject} and as the
 * {@code traceid} extension, plus a W3C {@code traceparent} extension when the trace id is a W3C one, so the
 * services acting on it stay in the same trace.
 *
 * <pre>
 * {"specversion": "1.0", "id", "source": "/choreography-tracker", "type", "time", "subject", "traceid",
 *  "traceparent"?, "datacontenttype": "application/json",
 *  "data": {"process", "traceId", "escalation", "dueAt"}}
 * </pre>
 */
public final class EscalationCodec {

  /** The {@code content-type} header of escalation records. */
  public static final String CONTENT_TYPE = IncidentCodec.CONTENT_TYPE;

  private static final Pattern W3C_TRACE_ID = Pattern.compile("[0-9a-f]{32}");
  private static final JsonFactory JSON = new JsonFactory();

  private EscalationCodec() {}

  public static byte[] encode(Escalation e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(384);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("specversion", "1.0");
      g.writeStringProperty("id", e.id());
      g.writeStringProperty("source", IncidentCodec.SOURCE);
      g.writeStringProperty("type", e.type());
      JsonTrees.time(g, "time", e.dueAt());
      JsonTrees.text(g, "subject", e.traceId());
      JsonTrees.text(g, "traceid", e.traceId());
      String parent = traceparent(e);
      if (parent != null) {
        g.writeStringProperty("traceparent", parent);
      }
      g.writeStringProperty("datacontenttype", "application/json");
      g.writeObjectPropertyStart("data");
      JsonTrees.text(g, "process", e.process());
      JsonTrees.text(g, "traceId", e.traceId());
      g.writeNumberProperty("escalation", e.escalation());
      JsonTrees.time(g, "dueAt", e.dueAt());
      g.writeEndObject();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** Throws IllegalArgumentException on anything that is not an escalation CloudEvent. */
  public static Escalation decode(byte[] value) {
    try {
      Map<String, Object> event = JsonTrees.object(value, "an escalation CloudEvent");
      Map<String, Object> data = map(event.get("data"));
      String id = text(event.get("id"));
      String type = text(event.get("type"));
      if (id == null || type == null || data.isEmpty()) {
        throw new IllegalArgumentException("id, type and a data object are needed");
      }
      return new Escalation(id, type, text(data.get("process")), text(data.get("traceId")),
          data.get("escalation") instanceof Number n ? n.intValue() : 0, JsonTrees.instant(data.get("dueAt")));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not an escalation: " + e.getMessage(), e);
    }
  }

  /** A W3C traceparent in the instance's trace; the span id is derived from the escalation id, so replays agree. */
  public static String traceparent(Escalation e) {
    if (e.traceId() == null || !W3C_TRACE_ID.matcher(e.traceId()).matches()) {
      return null;
    }
    UUID u = UUID.nameUUIDFromBytes(e.id().getBytes(StandardCharsets.UTF_8));
    long span = u.getLeastSignificantBits() | 1;
    return "00-" + e.traceId() + "-" + String.format("%016x", span) + "-01";
  }
}
