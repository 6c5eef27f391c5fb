package io.choreography.tracker.service.ocel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One event document as an OCEL event: id the document's id (topic-partition-offset, unique where event ids may
 * repeat), type the step it reached (in the first selected process it matched), time its event time; attributes
 * step, topic, type (the business event type), eventId, and the scalar top-level fields of a JSON object payload
 * (a field named like one of those four comes as {@code payload.<name>}); relationships from every object kind.
 */
final class OcelEvents {

  private static final Set<String> FIXED = Set.of("step", "topic", "type", "eventId");

  private final List<ObjectKind> kinds;
  private final OcelTypes types;

  OcelEvents(List<ObjectKind> kinds, OcelTypes types) {
    this.kinds = kinds;
    this.types = types;
  }

  /** Writes the event of one hit; false (nothing written) when it reached no step of a selected process. */
  boolean write(JsonNode hit, OcelQuery query, OcelLogWriter out) {
    JsonNode doc = hit.path("_source");
    String step = null;
    for (JsonNode match : doc.path("matches")) {
      if (query.selects(match.path("process").asString(null))) {
        step = match.path("step").asString(null);
        break;
      }
    }
    if (step == null) {
      return false;
    }
    types.eventType(step);
    List<OcelLogWriter.Attribute> attributes = new ArrayList<>();
    attribute(step, attributes, "step", OcelAttributeType.STRING, step);
    attribute(step, attributes, "topic", OcelAttributeType.STRING, text(doc.get("topic")));
    attribute(step, attributes, "type", OcelAttributeType.STRING, text(doc.get("type")));
    attribute(step, attributes, "eventId", OcelAttributeType.STRING, text(doc.get("eventId")));
    JsonNode payload = doc.get("payload");
    if (payload != null && payload.isObject()) {
      for (Map.Entry<String, JsonNode> field : payload.properties()) {
        OcelAttributeType type = scalarType(field.getValue());
        if (type != null) {
          String name = FIXED.contains(field.getKey()) ? "payload." + field.getKey() : field.getKey();
          attribute(step, attributes, name, type, field.getValue().asString());
        }
      }
    }
    List<OcelLogWriter.Relationship> relationships = new ArrayList<>();
    for (ObjectKind kind : kinds) {
      kind.relate(doc, query, relationships);
    }
    out.event(hit.path("_id").asString(), step, Instant.parse(doc.path("time").asString()).toString(), attributes,
        relationships);
    return true;
  }

  private void attribute(String eventType, List<OcelLogWriter.Attribute> into, String name, OcelAttributeType type,
      String value) {
    if (value != null && types.eventAttribute(eventType, name, type)) {
      into.add(new OcelLogWriter.Attribute(name, value));
    }
  }

  /** The OCEL type of a scalar JSON value; null for objects, arrays and null. */
  private static OcelAttributeType scalarType(JsonNode v) {
    if (v.isString()) {
      return OcelAttributeType.STRING;
    }
    if (v.isBoolean()) {
      return OcelAttributeType.BOOLEAN;
    }
    if (v.isIntegralNumber()) {
      return OcelAttributeType.INTEGER;
    }
    if (v.isNumber()) {
      return OcelAttributeType.FLOAT;
    }
    return null;
  }

  private static String text(JsonNode v) {
    return v == null || v.isNull() ? null : v.asString();
  }
}
