package io.choreography.tracker.service.it;

import io.choreography.tracker.model.InstanceSnapshot;
import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.model.instances.InstanceDocument;
import io.choreography.tracker.model.instances.InstanceDocumentCodec;
import io.choreography.tracker.service.elasticsearch.IndexDocument;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import io.choreography.tracker.service.elasticsearch.IndexTemplates;
import io.choreography.tracker.service.indexing.DocumentIds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpHost;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Documents written straight into the shared node under the tracker's templates, in the formats the tracker writes
 * (instance documents through event-model's codec), for tests of what the API reads; refreshed at once.
 */
public final class DirectIndexing implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final RestClient client;
  private final IndexNames names;
  private final List<IndexDocument> pending = new ArrayList<>();

  public DirectIndexing(String uri, String prefix) {
    this.client = RestClient.builder(HttpHost.create(uri)).build();
    this.names = new IndexNames(prefix);
    try {
      new IndexTemplates(client, names).ensureInstalled();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public IndexNames names() {
    return names;
  }

  /** An instance document: the steps reached (in order, each at the given time), its deviations. */
  public DirectIndexing instance(String process, String traceId, InstanceStatus status, Instant startedAt,
      Instant endedAt, Instant updatedAt, Map<String, Instant> reached, InstanceDocument.Deviations deviations) {
    Map<String, InstanceSnapshot.ReachedStep> steps = new LinkedHashMap<>();
    reached.forEach((step, at) -> steps.put(step, new InstanceSnapshot.ReachedStep(at, traceId + "-" + step)));
    InstanceDocument d = new InstanceDocument(process, "v1", traceId, status, startedAt, endedAt, updatedAt, steps,
        List.of(), List.of(), List.of(), Map.of(), deviations);
    pending.add(new IndexDocument(names.instancesIndex(), DocumentIds.instance(process, traceId),
        InstanceDocumentCodec.encode(d)));
    return this;
  }

  /** An event document as the indexer writes it for a record that matched {@code step} of {@code process}. */
  public DirectIndexing event(String id, String process, String step, String traceId, String topic, String type,
      Instant time, Map<String, Object> payload) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("eventId", "ev-" + id);
    doc.put("traceId", traceId);
    doc.put("type", type);
    doc.put("time", time.toString());
    doc.put("receivedAt", time.toString());
    doc.put("recordTimestamp", time.toString());
    doc.put("topic", topic);
    doc.put("partition", 0);
    doc.put("offset", 0);
    doc.put("headers", Map.of());
    if (process != null) {
      doc.put("process", process);
      doc.put("step", step);
      doc.put("processes", List.of(process));
      Map<String, Object> match = new LinkedHashMap<>();
      match.put("process", process);
      match.put("step", step);
      if (traceId != null) {
        match.put("traceId", traceId);
      }
      doc.put("matches", List.of(match));
    }
    doc.put("cloudEvent", false);
    doc.put("payloadKind", "JSON");
    doc.put("payloadBytes", 100);
    doc.put("payload", payload);
    pending.add(new IndexDocument(names.eventsIndex(time.toEpochMilli()), id, JSON.writeValueAsBytes(doc)));
    return this;
  }

  /** A drift document as the pipeline writes it (suggestedStep null for none). */
  public DirectIndexing drift(String process, String topic, String type, long count, Instant firstSeen,
      Instant lastSeen, String exampleEventId, String exampleTraceId, Map<String, Object> suggestedStep) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("process", process);
    doc.put("topic", topic);
    doc.put("type", type);
    doc.put("count", count);
    doc.put("firstSeen", firstSeen.toString());
    doc.put("lastSeen", lastSeen.toString());
    doc.put("exampleEventId", exampleEventId);
    doc.put("exampleTraceId", exampleTraceId);
    if (suggestedStep != null) {
      doc.put("suggestedStep", suggestedStep);
    }
    pending.add(new IndexDocument(names.driftIndex(), DocumentIds.of(process + "/" + topic + "/" + type),
        JSON.writeValueAsBytes(doc)));
    return this;
  }

  /**
   * Adds fields to the document added last (e.g. an event's {@code key}, {@code keys}, {@code keyValues} and {@code
   * causationId}, an instance's {@code keys} and {@code keyValues}), replacing fields of the same name.
   */
  @SuppressWarnings("unchecked")
  public DirectIndexing with(Map<String, Object> fields) {
    IndexDocument last = pending.remove(pending.size() - 1);
    Map<String, Object> doc = JSON.readValue(last.json(), LinkedHashMap.class);
    doc.putAll(fields);
    pending.add(new IndexDocument(last.index(), last.id(), JSON.writeValueAsBytes(doc)));
    return this;
  }

  /** Writes every document added so far with one {@code _bulk}, refreshed; fails if any is refused. */
  public void write() {
    if (pending.isEmpty()) {
      return;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (IndexDocument d : pending) {
      body.writeBytes(JSON.writeValueAsBytes(Map.of("index", Map.of("_index", d.index(), "_id", d.id()))));
      body.write('\n');
      body.writeBytes(d.json());
      body.write('\n');
    }
    Request request = new Request("POST", "/_bulk");
    request.addParameter("refresh", "true");
    request.setEntity(new ByteArrayEntity(body.toByteArray(), ContentType.create("application/x-ndjson")));
    try {
      String answer = EntityUtils.toString(client.performRequest(request).getEntity(), StandardCharsets.UTF_8);
      if (JSON.readTree(answer).path("errors").asBoolean()) {
        throw new IllegalStateException("documents refused: " + answer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pending.clear();
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
