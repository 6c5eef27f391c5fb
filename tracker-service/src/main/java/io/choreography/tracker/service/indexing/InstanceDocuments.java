package io.choreography.tracker.service.indexing;

import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.rules.engine.IncidentIds;
import io.choreography.tracker.service.elasticsearch.IndexDocument;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a record of the instances topic (the instance's whole current state) into its document: the state as
 * published plus the fields the API filters and aggregates on ({@code reachedSteps}, {@code waitingSteps},
 * {@code stuckSteps}, {@code stepDurationsMs.<step>}). A record without value deletes the document.
 */
public final class InstanceDocuments {

  private final JsonMapper json;
  private final String index;

  public InstanceDocuments(JsonMapper json, String index) {
    this.json = json;
    this.index = index;
  }

  public IndexDocument map(String key, byte[] value) {
    if (value == null) {
      if (key == null) {
        throw new IllegalArgumentException("instance record without key and value");
      }
      return IndexDocument.deletion(index, DocumentIds.of(key));
    }
    JsonNode state = json.readTree(value);
    String process = Json.text(state, "process");
    String traceId = Json.text(state, "traceId");
    if (process == null || traceId == null || Json.text(state, "status") == null) {
      throw new IllegalArgumentException("instance record without process, traceId or status");
    }
    ObjectNode doc = json.createObjectNode();
    doc.put("id", process + "/" + traceId);
    doc.put("process", process);
    doc.put("version", Json.text(state, "version"));
    doc.put("traceId", traceId);
    doc.put("status", Json.text(state, "status"));
    doc.put("startedAt", Json.text(state, "startedAt"));
    doc.put("endedAt", Json.text(state, "endedAt"));
    doc.put("updatedAt", Json.text(state, "updatedAt"));

    ObjectNode steps = doc.putObject("steps");
    ArrayNode reached = doc.putArray("reachedSteps");
    for (Map.Entry<String, JsonNode> step : state.path("steps").properties()) {
      steps.set(step.getKey(), step.getValue());
      reached.add(step.getKey());
    }

    Set<String> open = new HashSet<>();
    ArrayNode openIncidents = doc.putArray("openIncidents");
    for (JsonNode id : state.path("openIncidents")) {
      open.add(id.asString());
      openIncidents.add(id.asString());
    }

    ArrayNode waitingFor = doc.putArray("waitingFor");
    ArrayNode waiting = doc.putArray("waitingSteps");
    ArrayNode stuck = doc.putArray("stuckSteps");
    for (JsonNode w : state.path("waitingFor")) {
      String step = Json.text(w, "step");
      if (step == null) {
        continue;
      }
      waitingFor.add(w);
      waiting.add(step);
      // Incident ids are deterministic: the step's STUCK incident is open exactly when its id is listed.
      if (open.contains(IncidentIds.of(process, traceId, IncidentType.STUCK, step))) {
        stuck.add(step);
      }
    }

    // one long field per step (mapped by the template's dynamic template): no nested documents, so an instance
    // update is one Lucene document, not one per reached step
    ObjectNode durations = doc.putObject("stepDurationsMs");
    for (Map.Entry<String, JsonNode> d : state.path("stepDurationsMs").properties()) {
      if (d.getValue().isNumber()) {
        durations.put(d.getKey(), d.getValue().asLong());
      }
    }
    String id = key != null ? DocumentIds.of(key) : DocumentIds.instance(process, traceId);
    return new IndexDocument(index, id, json.writeValueAsBytes(doc));
  }
}
