package io.choreography.tracker.rules.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.RecordHeader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Parses one JSONL line of a replay file into a {@link RawRecord} (format in docs/replay.md): {@code {topic, partition,
 * offset, timestamp, readAt, key, headers:{name:value}, value}}. A string {@code value} is taken as the record's
 * bytes (UTF-8), any other JSON value as its JSON text.
 */
final class JsonlRecords {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonlRecords() {}

  /** A record and when the tracker read it (its timestamp unless the line says otherwise). */
  record Line(RawRecord record, long readAt) {}

  static RawRecord parse(String line, long lineNumber) {
    return parseLine(line, lineNumber).record();
  }

  static Line parseLine(String line, long lineNumber) {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (Exception e) {
      throw new IllegalArgumentException("line " + lineNumber + ": not JSON: " + e.getMessage());
    }
    if (n == null || !n.isObject() || !n.hasNonNull("topic")) {
      throw new IllegalArgumentException("line " + lineNumber + ": expected an object with at least \"topic\"");
    }
    String topic = n.get("topic").asText();
    int partition = n.path("partition").asInt(0);
    long offset = n.path("offset").asLong(lineNumber - 1);
    long timestamp = time(n.get("timestamp"), "timestamp", lineNumber);
    long readAt = n.hasNonNull("readAt") ? time(n.get("readAt"), "readAt", lineNumber) : timestamp;
    byte[] key = n.hasNonNull("key") ? text(n.get("key")) : null;
    List<RecordHeader> headers = new ArrayList<>();
    JsonNode h = n.get("headers");
    if (h != null && h.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        headers.add(new RecordHeader(e.getKey(), e.getValue().isNull() ? null : text(e.getValue())));
      }
    }
    byte[] value = n.hasNonNull("value") ? text(n.get("value")) : null;
    return new Line(new RawRecord(topic, partition, offset, timestamp, key, headers, value), readAt);
  }

  private static byte[] text(JsonNode v) {
    return (v.isTextual() ? v.asText() : v.toString()).getBytes(StandardCharsets.UTF_8);
  }

  private static long time(JsonNode t, String field, long lineNumber) {
    if (t == null || t.isNull()) {
      throw new IllegalArgumentException("line " + lineNumber + ": \"" + field + "\" is required");
    }
    if (t.isNumber()) {
      return t.asLong();
    }
    try {
      return Instant.parse(t.asText()).toEpochMilli();
    } catch (Exception e) {
      throw new IllegalArgumentException("line " + lineNumber + ": \"" + field + "\" is neither epoch milliseconds "
          + "nor an ISO-8601 instant: " + t.asText());
    }
  }
}
