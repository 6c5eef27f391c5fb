package io.choreography.tracker.model.incidents;

import static io.choreography.tracker.model.wire.JsonTrees.map;
import static io.choreography.tracker.model.wire.JsonTrees.text;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.IsoInstants;
import io.choreography.tracker.model.wire.JsonTrees;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The one codec of incidents: the records of {@code tracker.incidents} (structured-mode CloudEvents), the incident
 * document in Elasticsearch (the incident plus {@code updatedAt}), and the incident as the API shows it and as a
 * command or the lifecycle store carries it (SPEC section 4). Times are ISO-8601 UTC text.
 *
 * <pre>
 * {"specversion": "1.0", "id", "source": "/choreography-tracker", "type", "time", "subject",
 *  "datacontenttype": "application/json",
 *  "data": {"id", "type", "status", "process", "traceId", "step", "openedAt", "acknowledgedAt", "resolvedAt",
 *           "message", "count"}}
 * </pre>
 */
public final class IncidentCodec {

  /** The {@code content-type} header of the incident (and escalation) records. */
  public static final String CONTENT_TYPE = "application/cloudevents+json";
  /** The CloudEvents {@code source} of everything the tracker publishes. */
  public static final String SOURCE = "/choreography-tracker";

  private static final JsonFactory JSON = new JsonFactory();

  private IncidentCodec() {}

  /** A record value of {@code tracker.incidents}. */
  public static byte[] encode(IncidentChange c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("specversion", "1.0");
      g.writeStringProperty("id", c.id());
      g.writeStringProperty("source", SOURCE);
      g.writeStringProperty("type", c.type());
      JsonTrees.time(g, "time", c.time());
      JsonTrees.text(g, "subject", c.subject());
      g.writeStringProperty("datacontenttype", "application/json");
      g.writeName("data");
      write(g, c.incident());
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /**
   * Reads a record value of {@code tracker.incidents}; throws IllegalArgumentException on anything that is not an
   * incident CloudEvent (id, type and an incident as {@code data}). A missing or unreadable {@code time} reads as null.
   */
  public static IncidentChange decode(byte[] value) {
    Map<String, Object> event = JsonTrees.object(value, "an incident CloudEvent");
    String id = text(event.get("id"));
    String type = text(event.get("type"));
    if (id == null || type == null || !(event.get("data") instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("not an incident CloudEvent (id, type and a data object are needed)");
    }
    Instant time;
    try {
      time = JsonTrees.instant(event.get("time"));
    } catch (DateTimeParseException e) {
      time = null;
    }
    return new IncidentChange(id, type, time, text(event.get("subject")), incident(map(event.get("data"))));
  }

  /** The incident's document in Elasticsearch: the incident, and the time of the change as {@code updatedAt}. */
  public static byte[] encodeDocument(IncidentChange c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(384);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      write(g, c.incident(), c.time(), true);
    }
    return out.toByteArray();
  }

  /** Reads an incident: its document, or the bare incident object; fields it does not know are ignored. */
  public static Incident decodeIncident(byte[] json) {
    return incident(JsonTrees.object(json, "an incident"));
  }

  /** The incident as a JSON object of plain values, in the documented field order (the API's answer). */
  public static Map<String, Object> fields(Incident i) {
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

  /**
   * Reads an incident from its fields (as {@link #fields} writes them, or as parsed from JSON); throws
   * IllegalArgumentException when id, type, status or process is missing or unknown, or a time is not ISO-8601.
   */
  public static Incident incident(Map<String, ?> f) {
    String id = text(f.get("id"));
    String type = text(f.get("type"));
    String status = text(f.get("status"));
    String process = text(f.get("process"));
    if (id == null || type == null || status == null || process == null) {
      throw new IllegalArgumentException("an incident needs id, type, status and process");
    }
    return new Incident(id, IncidentType.valueOf(type), IncidentStatus.valueOf(status), process,
        text(f.get("traceId")), text(f.get("step")), instant(f, "openedAt"), instant(f, "acknowledgedAt"),
        instant(f, "resolvedAt"), text(f.get("message")),
        f.get("count") instanceof Number n ? n.longValue() : 1);
  }

  /** Writes the incident as a JSON object (the {@code data} of its CloudEvents, the incident of a command). */
  static void write(JsonGenerator g, Incident i) {
    write(g, i, null, false);
  }

  private static void write(JsonGenerator g, Incident i, Instant updatedAt, boolean document) {
    g.writeStartObject();
    g.writeStringProperty("id", i.id());
    g.writeStringProperty("type", i.type().name());
    g.writeStringProperty("status", i.status().name());
    g.writeStringProperty("process", i.process());
    JsonTrees.text(g, "traceId", i.traceId());
    JsonTrees.text(g, "step", i.step());
    JsonTrees.time(g, "openedAt", i.openedAt());
    JsonTrees.time(g, "acknowledgedAt", i.acknowledgedAt());
    JsonTrees.time(g, "resolvedAt", i.resolvedAt());
    JsonTrees.text(g, "message", i.message());
    g.writeNumberProperty("count", i.count());
    if (document) {
      JsonTrees.time(g, "updatedAt", updatedAt);
    }
    g.writeEndObject();
  }

  private static String time(Instant t) {
    return t == null ? null : IsoInstants.format(t);
  }

  private static Instant instant(Map<String, ?> f, String field) {
    String t = text(f.get(field));
    try {
      return t == null ? null : Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " is not an ISO-8601 time: " + t, e);
    }
  }
}
