package io.choreography.tracker.service.ocel;

import io.choreography.tracker.service.elasticsearch.IndexNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import tools.jackson.databind.JsonNode;

/**
 * Process instances as OCEL objects: id {@code process/traceId} (the instance's key), type the process id,
 * attributes status (from the time of its last change), traceId, startedAt and endedAt. An event relates to the
 * instance of each selected process whose step it matched with a trace id, qualified by that step.
 *
 * <p>Which instances: a composite aggregation over the exported events, by (process, trace id), pages of
 * {@link #PAGE} instances, each page's documents then fetched by their ids. Nothing of it is held beyond one page.
 * An instance whose document is not there (not written yet, or deleted) is still written, with its trace id only,
 * so that no event points to a missing object.
 */
final class InstanceObjects implements ObjectKind {

  static final int PAGE = 1_000;

  private final ElasticsearchReads es;
  private final IndexNames names;

  InstanceObjects(ElasticsearchReads es, IndexNames names) {
    this.es = es;
    this.names = names;
  }

  @Override
  public void relate(JsonNode event, OcelQuery query, List<OcelLogWriter.Relationship> into) {
    for (JsonNode match : event.path("matches")) {
      String process = text(match.get("process"));
      String trace = text(match.get("traceId"));
      String step = text(match.get("step"));
      if (query.selects(process) && trace != null) {
        String id = process + "/" + trace;
        if (into.stream().noneMatch(r -> r.objectId().equals(id))) {
          into.add(new OcelLogWriter.Relationship(id, step == null ? "" : step));
        }
      }
    }
  }

  @Override
  public long writeObjects(OcelQuery query, OcelLogWriter out, OcelTypes types, LongConsumer progress) {
    long written = 0;
    Map<String, Object> after = null;
    do {
      Map<String, Object> composite = new LinkedHashMap<>();
      composite.put("size", PAGE);
      composite.put("sources", List.of(
          Map.of("process", Map.of("terms", Map.of("field", "processes"))),
          Map.of("trace", Map.of("terms", Map.of("field", "traceId")))));
      if (after != null) {
        composite.put("after", after);
      }
      JsonNode agg = es.search(names.eventsPattern(), Map.of(
          "size", 0,
          "query", ExportedEvents.query(query),
          "aggs", Map.of("instances", Map.of("composite", composite)))).path("aggregations").path("instances");
      List<String[]> keys = new ArrayList<>();
      for (JsonNode bucket : agg.path("buckets")) {
        String process = bucket.path("key").path("process").asString();
        if (query.selects(process)) {
          keys.add(new String[] {process, bucket.path("key").path("trace").asString()});
        }
      }
      Map<String, JsonNode> documents = documents(keys);
      for (String[] key : keys) {
        write(key[0], key[1], documents.get(key[0] + "/" + key[1]), out, types);
        written++;
      }
      progress.accept(written);
      JsonNode next = agg.get("after_key");
      after = next == null || agg.path("buckets").isEmpty() ? null
          : Map.of("process", next.path("process").asString(), "trace", next.path("trace").asString());
    } while (after != null);
    return written;
  }

  private Map<String, JsonNode> documents(List<String[]> keys) {
    Map<String, JsonNode> byId = new HashMap<>();
    if (keys.isEmpty()) {
      return byId;
    }
    List<String> ids = keys.stream().map(k -> k[0] + "/" + k[1]).toList();
    JsonNode hits = es.search(names.instancesIndex(), Map.of(
        "size", ids.size(),
        "_source", List.of("id", "status", "startedAt", "endedAt", "updatedAt"),
        "query", Map.of("terms", Map.of("id", ids)))).path("hits").path("hits");
    for (JsonNode hit : hits) {
      byId.put(hit.path("_source").path("id").asString(), hit.path("_source"));
    }
    return byId;
  }

  private static void write(String process, String trace, JsonNode doc, OcelLogWriter out, OcelTypes types) {
    types.objectType(process);
    List<OcelLogWriter.ObjectAttribute> attributes = new ArrayList<>();
    attribute(types, process, attributes, "traceId", OcelAttributeType.STRING, trace, OcelLogWriter.FROM_THE_START);
    if (doc != null) {
      String started = text(doc.get("startedAt"));
      String ended = text(doc.get("endedAt"));
      String changed = text(doc.get("updatedAt"));
      String status = text(doc.get("status"));
      String statusSince = ended != null ? ended : changed != null ? changed : started;
      if (status != null) {
        attribute(types, process, attributes, "status", OcelAttributeType.STRING, status,
            statusSince == null ? OcelLogWriter.FROM_THE_START : statusSince);
      }
      if (started != null) {
        attribute(types, process, attributes, "startedAt", OcelAttributeType.TIME, started,
            OcelLogWriter.FROM_THE_START);
      }
      if (ended != null) {
        attribute(types, process, attributes, "endedAt", OcelAttributeType.TIME, ended, ended);
      }
    }
    out.object(process + "/" + trace, process, attributes, List.of());
  }

  private static void attribute(OcelTypes types, String type, List<OcelLogWriter.ObjectAttribute> into, String name,
      OcelAttributeType valueType, String value, String time) {
    if (types.objectAttribute(type, name, valueType)) {
      into.add(new OcelLogWriter.ObjectAttribute(name, value, time));
    }
  }

  private static String text(JsonNode v) {
    return v == null || v.isNull() ? null : v.asString();
  }
}
