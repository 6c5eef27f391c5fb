package io.choreography.tracker.rules.extract;

import com.fasterxml.jackson.databind.JsonNode;
import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.RecordHeader;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.jackson.JsonCloudEventData;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Classifies a record's value and recognises CloudEvents, parsing the value at most once.
 *
 * <ul>
 *   <li>Binary mode: a {@code ce_specversion} header. The value is the business payload; the {@code ce_*}
 *       headers are the attributes and need no translation.
 *   <li>Structured mode: a {@code content-type} header starting with {@code application/cloudevents+json}, or
 *       (an extension, for producers that do not set the header) a JSON object value carrying {@code specversion},
 *       {@code id}, {@code source} and {@code type}. The attributes become {@code ce_<attr>} headers, pointers
 *       address {@code data} ({@code data_base64} holding JSON is decoded). A value that is not valid JSON, or
 *       JSON that the CloudEvents SDK does not accept as an event, is read as an ordinary payload.
 * </ul>
 */
final class RecordReader {

  private static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";
  private static final List<String> REQUIRED_ATTRIBUTES = List.of("specversion", "id", "source", "type");

  private RecordReader() {}

  static RecordView read(RawRecord record) {
    byte[] value = record.value();
    boolean binaryMode = record.lastHeader("ce_specversion") != null;
    if (value == null || value.length == 0) {
      return new RecordView(record, null, null, Payload.EMPTY, binaryMode);
    }
    if (!Utf8.isValid(value)) {
      return new RecordView(record, null, null, binary(value), binaryMode);
    }
    JsonNode document = JsonDocuments.parse(value);
    if (document == null) {
      return new RecordView(record, null, null, new Payload(Payload.Kind.TEXT, utf8(value)), binaryMode);
    }
    if (!binaryMode && (structuredContentType(record) || carriesCloudEventAttributes(document))) {
      CloudEvent event = JsonDocuments.cloudEvent(document);
      if (event != null) {
        return structured(record, event);
      }
    }
    return new RecordView(record, null, document, new Payload(Payload.Kind.JSON, utf8(value)), binaryMode);
  }

  private static RecordView structured(RawRecord record, CloudEvent event) {
    Map<String, String> attributes = CloudEventAttributes.of(event);
    CloudEventData data = event.getData();
    if (data == null) {
      return new RecordView(record, attributes, null, Payload.EMPTY, true);
    }
    if (data instanceof JsonCloudEventData json) {
      JsonNode node = json.getNode();
      return new RecordView(record, attributes, node, new Payload(Payload.Kind.JSON, node.toString()), true);
    }
    // data_base64, or string data of a non-JSON content type: classify the bytes like any value.
    byte[] bytes = data.toBytes();
    if (bytes == null || bytes.length == 0) {
      return new RecordView(record, attributes, null, Payload.EMPTY, true);
    }
    if (!Utf8.isValid(bytes)) {
      return new RecordView(record, attributes, null, binary(bytes), true);
    }
    JsonNode node = JsonDocuments.parse(bytes);
    Payload payload = node == null
        ? new Payload(Payload.Kind.TEXT, utf8(bytes))
        : new Payload(Payload.Kind.JSON, utf8(bytes));
    return new RecordView(record, attributes, node, payload, true);
  }

  private static boolean structuredContentType(RawRecord record) {
    List<RecordHeader> headers = record.headers();
    for (int i = headers.size() - 1; i >= 0; i--) {
      RecordHeader header = headers.get(i);
      if (header.name().equalsIgnoreCase("content-type")) {
        String type = header.valueAsString();
        return type != null && type.strip().regionMatches(true, 0, STRUCTURED_CONTENT_TYPE, 0,
            STRUCTURED_CONTENT_TYPE.length());
      }
    }
    return false;
  }

  private static boolean carriesCloudEventAttributes(JsonNode document) {
    if (!document.isObject()) {
      return false;
    }
    for (String attribute : REQUIRED_ATTRIBUTES) {
      JsonNode node = document.get(attribute);
      if (node == null || !node.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static Payload binary(byte[] value) {
    return new Payload(Payload.Kind.BINARY, Base64.getEncoder().encodeToString(value));
  }

  private static String utf8(byte[] value) {
    return new String(value, StandardCharsets.UTF_8);
  }
}
