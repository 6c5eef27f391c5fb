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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

  /** A header value longer than this is indexed cut (headers are kept in _source only, never searched). */
  static final int MAX_HEADER_CHARS = 8 * 1024;
  /** Headers beyond this many characters in all are left out of the document. */
  static final int MAX_HEADERS_CHARS = 64 * 1024;

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
      writeKeys(g, event);
      if (event.causationId() != null) {
        g.writeStringProperty("causationId", event.causationId());
      }
      List<String> problems = new ArrayList<>(event.problems());
      writeHeaders(g, record, problems);
      writeMatches(g, event);
      g.writeBooleanProperty("cloudEvent", event.cloudEvent());
      writePayload(g, record.topic(), event.payload(), record.value() == null ? 0 : record.value().length);
      if (!problems.isEmpty()) {
        g.writeName("problems");
        g.writeStartArray();
        for (String p : problems) {
          g.writeString(p);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    return new IndexDocument(names.eventsIndex(record.timestamp(), receivedAt.toEpochMilli()), record.coordinates(),
        out.toByteArray());
  }

  /** The business key values (SPEC 3.12): by name for the trace view, as one list for search. */
  private static void writeKeys(JsonGenerator g, ExtractedEvent event) {
    if (event.keys().isEmpty()) {
      return;
    }
    g.writeName("keys");
    g.writeStartObject();
    for (Map.Entry<String, String> key : event.keys().entrySet()) {
      g.writeStringProperty(key.getKey(), key.getValue());
    }
    g.writeEndObject();
    g.writeName("keyValues");
    g.writeStartArray();
    for (String value : event.keys().values()) {
      g.writeString(value);
    }
    g.writeEndArray();
  }

  private static void writeHeaders(JsonGenerator g, RawRecord record, List<String> problems) {
    // Last value wins for repeated names, as for extraction.
    Map<String, String> headers = new LinkedHashMap<>();
    for (RecordHeader h : record.headers()) {
      headers.put(h.name(), h.valueAsString());
    }
    g.writeName("headers");
    g.writeStartObject();
    int budget = MAX_HEADERS_CHARS;
    for (Map.Entry<String, String> e : headers.entrySet()) {
      String value = e.getValue();
      if (value != null && value.length() > MAX_HEADER_CHARS) {
        problems.add("header " + e.getKey() + " cut to " + MAX_HEADER_CHARS + " of " + value.length() + " characters");
        value = value.substring(0, MAX_HEADER_CHARS);
      }
      int size = e.getKey().length() + (value == null ? 0 : value.length());
      if (size > budget) {
        problems.add("headers beyond " + MAX_HEADERS_CHARS + " characters left out, from " + e.getKey());
        break;
      }
      budget -= size;
      g.writeStringProperty(e.getKey(), value);
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
