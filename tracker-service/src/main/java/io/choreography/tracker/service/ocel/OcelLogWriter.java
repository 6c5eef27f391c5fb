package io.choreography.tracker.service.ocel;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes an OCEL 2.0 JSON log as it goes, one event or object at a time, never holding more than one:
 * {@code {"events": [...], "objects": [...], "eventTypes": [...], "objectTypes": [...]}}. The types come last since
 * they are only known once every event and object was seen; a JSON reader does not depend on the order of keys.
 * Every attribute value is written as a string, as the published schema wants; its declared type says how to read
 * it.
 */
final class OcelLogWriter implements AutoCloseable {

  /** The time of an object attribute value that holds from the beginning (the specification's convention). */
  static final String FROM_THE_START = "1970-01-01T00:00:00Z";

  private static final JsonFactory JSON = new JsonFactory();

  private final JsonGenerator g;

  /** An event attribute: name and value as text. */
  record Attribute(String name, String value) {}

  /** An object attribute value and the time from which it holds. */
  record ObjectAttribute(String name, String value, String time) {}

  /** A relationship to an object, qualified (e.g. by the step an event reached in an instance). */
  record Relationship(String objectId, String qualifier) {}

  OcelLogWriter(OutputStream out) {
    this.g = JSON.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8);
    g.writeStartObject();
  }

  void startEvents() {
    g.writeArrayPropertyStart("events");
  }

  void event(String id, String type, String time, List<Attribute> attributes, List<Relationship> relationships) {
    g.writeStartObject();
    g.writeStringProperty("id", id);
    g.writeStringProperty("type", type);
    g.writeStringProperty("time", time);
    g.writeArrayPropertyStart("attributes");
    for (Attribute a : attributes) {
      g.writeStartObject();
      g.writeStringProperty("name", a.name());
      g.writeStringProperty("value", a.value());
      g.writeEndObject();
    }
    g.writeEndArray();
    relationships(relationships);
    g.writeEndObject();
  }

  void startObjects() {
    g.writeEndArray();
    g.writeArrayPropertyStart("objects");
  }

  void object(String id, String type, List<ObjectAttribute> attributes, List<Relationship> relationships) {
    g.writeStartObject();
    g.writeStringProperty("id", id);
    g.writeStringProperty("type", type);
    g.writeArrayPropertyStart("attributes");
    for (ObjectAttribute a : attributes) {
      g.writeStartObject();
      g.writeStringProperty("name", a.name());
      g.writeStringProperty("value", a.value());
      g.writeStringProperty("time", a.time());
      g.writeEndObject();
    }
    g.writeEndArray();
    relationships(relationships);
    g.writeEndObject();
  }

  /** Ends the objects and writes the types. */
  void types(OcelTypes types) {
    g.writeEndArray();
    types("eventTypes", types.eventTypes());
    types("objectTypes", types.objectTypes());
  }

  private void types(String name, Map<String, Map<String, OcelAttributeType>> types) {
    g.writeArrayPropertyStart(name);
    for (Map.Entry<String, Map<String, OcelAttributeType>> t : types.entrySet()) {
      g.writeStartObject();
      g.writeStringProperty("name", t.getKey());
      g.writeArrayPropertyStart("attributes");
      for (Map.Entry<String, OcelAttributeType> a : t.getValue().entrySet()) {
        g.writeStartObject();
        g.writeStringProperty("name", a.getKey());
        g.writeStringProperty("type", a.getValue().json());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void relationships(List<Relationship> relationships) {
    g.writeArrayPropertyStart("relationships");
    for (Relationship r : relationships) {
      g.writeStartObject();
      g.writeStringProperty("objectId", r.objectId());
      g.writeStringProperty("qualifier", r.qualifier());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** Ends the log and flushes it; the stream stays open. */
  void finish() {
    g.writeEndObject();
    g.flush();
  }

  @Override
  public void close() {
    g.close();
  }
}
