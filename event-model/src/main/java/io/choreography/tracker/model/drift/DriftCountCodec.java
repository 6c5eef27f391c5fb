package io.choreography.tracker.model.drift;

import io.choreography.tracker.model.IsoInstants;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The one codec of {@code tracker.drift}: the topology keeps a count in its store and publishes it in this form;
 * the state writer copies the bytes into {@code <prefix>-drift} as they are.
 *
 * <pre>
 * {"process", "topic", "type", "partition", "count", "firstSeen", "lastSeen", "exampleEventId", "exampleTraceId",
 *  "suggestedStep": {"id", "on": {"topic", "type"}, "after": [step]}}
 * </pre>
 */
public final class DriftCountCodec {

  /** The {@code content-type} header of the records this codec writes. */
  public static final String CONTENT_TYPE = "application/vnd.choreography-tracker.drift+json; version=1";

  private static final JsonFactory JSON = new JsonFactory();

  private DriftCountCodec() {}

  public static byte[] encode(DriftCount c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(384);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("process", c.process());
      g.writeStringProperty("topic", c.topic());
      g.writeStringProperty("type", c.type());
      g.writeNumberProperty("partition", c.partition());
      g.writeNumberProperty("count", c.count());
      g.writeStringProperty("firstSeen", IsoInstants.formatMillis(c.firstSeen()));
      g.writeStringProperty("lastSeen", IsoInstants.formatMillis(c.lastSeen()));
      g.writeStringProperty("exampleEventId", c.exampleEventId());
      g.writeStringProperty("exampleTraceId", c.exampleTraceId());
      g.writeObjectPropertyStart("suggestedStep");
      g.writeStringProperty("id", c.suggestedStepId());
      g.writeObjectPropertyStart("on");
      g.writeStringProperty("topic", c.topic());
      g.writeStringProperty("type", c.type());
      g.writeEndObject();
      if (!c.suggestedAfter().isEmpty()) {
        g.writeArrayPropertyStart("after");
        for (String step : c.suggestedAfter()) {
          g.writeString(step);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** Reads what {@link #encode} wrote; unknown fields are skipped. */
  public static DriftCount decode(byte[] json) {
    String process = null;
    String topic = null;
    String type = null;
    int partition = 0;
    long count = 0;
    long firstSeen = 0;
    long lastSeen = 0;
    String exampleEventId = null;
    String exampleTraceId = null;
    String stepId = null;
    List<String> after = new ArrayList<>(1);
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      for (String field = p.nextName(); field != null; field = p.nextName()) {
        JsonToken value = p.nextToken();
        switch (field) {
          case "process" -> process = p.getString();
          case "topic" -> topic = p.getString();
          case "type" -> type = p.getString();
          case "partition" -> partition = p.getIntValue();
          case "count" -> count = p.getLongValue();
          case "firstSeen" -> firstSeen = Instant.parse(p.getString()).toEpochMilli();
          case "lastSeen" -> lastSeen = Instant.parse(p.getString()).toEpochMilli();
          case "exampleEventId" -> exampleEventId = value == JsonToken.VALUE_NULL ? null : p.getString();
          case "exampleTraceId" -> exampleTraceId = value == JsonToken.VALUE_NULL ? null : p.getString();
          case "suggestedStep" -> {
            expect(value, JsonToken.START_OBJECT);
            for (String f = p.nextName(); f != null; f = p.nextName()) {
              JsonToken v = p.nextToken();
              if (f.equals("id")) {
                stepId = p.getString();
              } else if (f.equals("after")) {
                expect(v, JsonToken.START_ARRAY);
                while (p.nextToken() == JsonToken.VALUE_STRING) {
                  after.add(p.getString());
                }
              } else {
                p.skipChildren();
              }
            }
          }
          default -> p.skipChildren();
        }
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a drift count: " + e.getMessage(), e);
    }
    if (process == null || topic == null || type == null) {
      throw new IllegalArgumentException("not a drift count: process, topic and type are required");
    }
    return new DriftCount(process, topic, type, partition, count, firstSeen, lastSeen, exampleEventId,
        exampleTraceId, stepId, after);
  }

  private static void expect(JsonToken actual, JsonToken expected) {
    if (actual != expected) {
      throw new IllegalArgumentException("expected " + expected + " but found " + actual);
    }
  }
}
