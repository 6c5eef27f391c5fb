package io.choreography.tracker.service.ingest;

import io.choreography.tracker.model.IsoInstants;
import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.RecordHeader;
import io.choreography.tracker.rules.extract.ExtractedEvent;
import io.choreography.tracker.rules.extract.Payload;
import io.choreography.tracker.rules.extract.StepMatch;
import io.choreography.tracker.service.elasticsearch.IndexDocument;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import io.choreography.tracker.service.redaction.PayloadRedactor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Turns one record and what was extracted from it into the event document. The id is the record's
 * coordinates (topic-partition-offset) and the index follows the record timestamp, so a redelivered record
 * overwrites its document instead of adding a second one.
 */
public final class EventDocumentMapper {

  private static final JsonFactory JSON = new JsonFactory();

  private final IndexNames names;
  private final int maxPayloadChars;
  private final PayloadRedactor redactor;

  public EventDocumentMapper(IndexNames names, int maxPayloadBytes) {
    this(names, maxPayloadBytes, null);
  }

  /** With a redactor that masks configured payload fields; null for none. */
  public EventDocumentMapper(IndexNames names, int maxPayloadBytes, PayloadRedactor redactor) {
    this.names = names;
    this.maxPayloadChars = maxPayloadBytes;
    this.redactor = redactor;
  }

  public IndexDocument map(RawRecord record, ExtractedEvent event, Instant receivedAt) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512 + (record.value() == null ? 0 : record.value().length));
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("eventId", event.eventId());
      if (event.traceId() != null) {
        g.writeStringProperty("traceId", event.traceId());
      }
      if (event.type() != null) {
        g.writeStringProperty("type", event.type());
      }
      g.writeStringProperty("time", IsoInstants.format(event.time()));
      g.writeStringProperty("receivedAt", IsoInstants.format(receivedAt));
      g.writeStringProperty("recordTimestamp", IsoInstants.formatMillis(record.timestamp()));
      g.writeStringProperty("topic", record.topic());
      g.writeNumberProperty("partition", record.partition());
      g.writeNumberProperty("offset", record.offset());
      if (record.key() != null) {
        g.writeStringProperty("key", new String(record.key(), StandardCharsets.UTF_8));
      }
      writeHeaders(g, record);
      writeMatches(g, event);
      g.writeBooleanProperty("cloudEvent", event.cloudEvent());
      writePayload(g, record.topic(), event.payload(), record.value() == null ? 0 : record.value().length);
      g.writeEndObject();
    }
    return new IndexDocument(names.eventsIndex(record.timestamp()), record.coordinates(), out.toByteArray());
  }

  private static void writeHeaders(JsonGenerator g, RawRecord record) {
    // Last value wins for repeated names, as for extraction.
    Map<String, String> headers = new LinkedHashMap<>();
    for (RecordHeader h : record.headers()) {
      headers.put(h.name(), h.valueAsString());
    }
    g.writeName("headers");
    g.writeStartObject();
    for (Map.Entry<String, String> e : headers.entrySet()) {
      g.writeStringProperty(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static void writeMatches(JsonGenerator g, ExtractedEvent event) {
    if (!event.matched()) {
      return;
    }
    StepMatch first = event.matches().get(0);
    g.writeStringProperty("process", first.process());
    g.writeStringProperty("step", first.step());
    g.writeName("processes");
    g.writeStartArray();
    for (StepMatch m : event.matches()) {
      g.writeString(m.process());
    }
    g.writeEndArray();
    g.writeName("matches");
    g.writeStartArray();
    for (StepMatch m : event.matches()) {
      g.writeStartObject();
      g.writeStringProperty("process", m.process());
      g.writeStringProperty("step", m.step());
      if (m.traceId() != null) {
        g.writeStringProperty("traceId", m.traceId());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void writePayload(JsonGenerator g, String topic, Payload payload, int bytes) {
    g.writeStringProperty("payloadKind", payload.kind().name());
    g.writeNumberProperty("payloadBytes", bytes);
    // masked before anything else sees it: extraction ran on the original already
    String text = redactor == null ? payload.text() : redactor.redact(topic, payload);
    if (text == null) {
      return;
    }
    if (text.length() > maxPayloadChars) {
      g.writeBooleanProperty("payloadTruncated", true);
      g.writeStringProperty("payload", text.substring(0, maxPayloadChars));
    } else if (payload.kind() == Payload.Kind.JSON) {
      g.writeName("payload");
      g.writeRawValue(text);
    } else {
      g.writeStringProperty("payload", text);
    }
  }
}
