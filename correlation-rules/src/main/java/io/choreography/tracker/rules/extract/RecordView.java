package io.choreography.tracker.rules.extract;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.RecordHeader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One record as the value sources see it: its headers (plus, for a structured-mode CloudEvent, the event's
 * attributes as {@code ce_<attr>} headers) and the JSON document that pointers address (the CloudEvent's
 * {@code data} in structured mode). Built once per record and shared by every process.
 */
final class RecordView {

  private static final String CE_PREFIX = "ce_";

  private final RawRecord record;
  private final Map<String, String> cloudEventAttributes;
  private final JsonNode document;
  private final Payload payload;
  private final boolean cloudEvent;

  RecordView(RawRecord record, Map<String, String> cloudEventAttributes, JsonNode document, Payload payload,
      boolean cloudEvent) {
    this.record = record;
    this.cloudEventAttributes = cloudEventAttributes == null ? Map.of() : cloudEventAttributes;
    this.document = document;
    this.payload = payload;
    this.cloudEvent = cloudEvent;
  }

  RawRecord record() {
    return record;
  }

  Payload payload() {
    return payload;
  }

  boolean cloudEvent() {
    return cloudEvent;
  }

  /**
   * The value of the last header of that name as UTF-8, or null when absent or empty. In structured mode an
   * event attribute wins over a real {@code ce_*} header: the event itself is authoritative.
   */
  String header(String name) {
    if (!cloudEventAttributes.isEmpty() && name.startsWith(CE_PREFIX)) {
      String attribute = cloudEventAttributes.get(name.substring(CE_PREFIX.length()));
      if (attribute != null) {
        return attribute;
      }
    }
    RecordHeader header = record.lastHeader(name);
    if (header == null || header.value() == null || header.value().length == 0) {
      return null;
    }
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  /** The node at that pointer, or null when there is no JSON document or nothing there. */
  JsonNode at(JsonPointer pointer) {
    if (document == null) {
      return null;
    }
    JsonNode node = document.at(pointer);
    return node.isMissingNode() ? null : node;
  }
}
