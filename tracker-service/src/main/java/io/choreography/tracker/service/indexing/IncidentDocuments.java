package io.choreography.tracker.service.indexing;

import io.choreography.tracker.service.elasticsearch.IndexDocument;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a record of the incidents topic (a structured CloudEvent whose {@code data} is the whole incident) into
 * the incident's document.
 *
 * <p>Why a whole-document overwrite cannot lose {@code openedAt} or {@code acknowledgedAt}: the tracker keeps
 * each incident's whole state and every record carries all of it, so an UPDATED or RESOLVED record repeats the
 * {@code openedAt} and {@code acknowledgedAt} of the record before it. All records of one incident share a key, so
 * they are in one partition, read in order by one consumer, and the writer keeps the last of them; the document
 * therefore always is the latest state, with no read-modify-write.
 */
public final class IncidentDocuments {

  /** The incident fields copied into the document; anything else in {@code data} is left out (strict mapping). */
  private static final List<String> TEXT_FIELDS = List.of("id", "type", "status", "process", "traceId", "step",
      "openedAt", "acknowledgedAt", "resolvedAt", "message");

  private final JsonMapper json;
  private final String index;

  public IncidentDocuments(JsonMapper json, String index) {
    this.json = json;
    this.index = index;
  }

  public IndexDocument map(String key, byte[] value) {
    if (value == null) {
      if (key == null) {
        throw new IllegalArgumentException("incident record without key and value");
      }
      return IndexDocument.deletion(index, DocumentIds.of(key));
    }
    JsonNode event = json.readTree(value);
    JsonNode data = event.path("data");
    String id = Json.text(data, "id");
    if (id == null || Json.text(data, "type") == null || Json.text(data, "status") == null) {
      throw new IllegalArgumentException("incident record without data.id, data.type or data.status");
    }
    ObjectNode doc = json.createObjectNode();
    for (String field : TEXT_FIELDS) {
      doc.put(field, Json.text(data, field));
    }
    doc.put("count", data.path("count").asLong(1));
    doc.put("updatedAt", Json.text(event, "time"));
    return new IndexDocument(index, DocumentIds.of(key != null ? key : id), json.writeValueAsBytes(doc));
  }
}
