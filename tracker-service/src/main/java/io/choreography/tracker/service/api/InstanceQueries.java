package io.choreography.tracker.service.api;

import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Reads instances and incidents from their indices. Every caller's value is a term value. */
@Component
public class InstanceQueries {

  /** More incidents than this for one instance or trace are not shown. */
  static final int MAX_INCIDENTS = 1_000;
  /** More instances than this for one trace are not shown. */
  static final int MAX_INSTANCES_PER_TRACE = 1_000;

  private final Searches search;
  private final IndexNames names;

  public InstanceQueries(Searches search, IndexNames names) {
    this.search = search;
    this.names = names;
  }

  /** The filters of {@code GET /api/instances}; null means no filter. */
  record Filter(String process, InstanceStatus status, String waitingAt) {}

  /** One page of instance documents and the position after its last one, or null when there is no more. */
  record Page(List<JsonNode> instances, PageCursor.Position next) {}

  Page page(Filter filter, int size, PageCursor.Position after) {
    List<Object> must = new ArrayList<>();
    if (filter.process() != null) {
      must.add(term("process", filter.process()));
    }
    if (filter.status() != null) {
      must.add(term("status", filter.status().name()));
    }
    if (filter.waitingAt() != null) {
      must.add(term("waitingSteps", filter.waitingAt()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("size", size + 1);
    body.put("query", Map.of("bool", Map.of("filter", must)));
    body.put("sort", List.of(Map.of("startedAt", "desc"), Map.of("id", "asc")));
    if (after != null) {
      body.put("search_after", after.searchAfter());
    }
    List<JsonNode> hits = new ArrayList<>();
    search.search(names.instancesIndex(), body).path("hits").path("hits").forEach(hits::add);
    PageCursor.Position next = null;
    if (hits.size() > size) {
      hits = hits.subList(0, size);
      JsonNode sort = hits.get(size - 1).path("sort");
      next = new PageCursor.Position(sort.get(0).asLong(), sort.get(1).asString());
    }
    return new Page(hits.stream().map(h -> h.path("_source")).toList(), next);
  }

  /** The instance document, or null. */
  JsonNode instance(String process, String traceId) {
    List<JsonNode> found = sources(names.instancesIndex(), Map.of(
        "size", 1,
        "query", Map.of("bool", Map.of("filter", List.of(term("process", process), term("traceId", traceId))))));
    return found.isEmpty() ? null : found.get(0);
  }

  /** Every instance of a trace id, in every process, oldest first. */
  List<JsonNode> instancesOfTrace(String traceId) {
    return sources(names.instancesIndex(), Map.of(
        "size", MAX_INSTANCES_PER_TRACE,
        "query", Map.of("bool", Map.of("filter", List.of(term("traceId", traceId)))),
        "sort", List.of(Map.of("startedAt", "asc"), Map.of("id", "asc"))));
  }

  /** The incidents of one instance, oldest first. */
  List<JsonNode> incidentsOfInstance(String process, String traceId) {
    return sources(names.incidentsIndex(), Map.of(
        "size", MAX_INCIDENTS,
        "query", Map.of("bool", Map.of("filter", List.of(term("process", process), term("traceId", traceId)))),
        "sort", incidentOrder()));
  }

  /** The incidents of a trace id, in every process, oldest first. */
  List<JsonNode> incidentsOfTrace(String traceId) {
    return sources(names.incidentsIndex(), Map.of(
        "size", MAX_INCIDENTS,
        "query", Map.of("bool", Map.of("filter", List.of(term("traceId", traceId)))),
        "sort", incidentOrder()));
  }

  private static List<Object> incidentOrder() {
    return List.of(Map.of("openedAt", Map.of("order", "asc", "unmapped_type", "date")),
        Map.of("id", Map.of("order", "asc", "unmapped_type", "keyword")));
  }

  private List<JsonNode> sources(String index, Map<String, Object> body) {
    List<JsonNode> sources = new ArrayList<>();
    for (JsonNode hit : search.search(index, body).path("hits").path("hits")) {
      sources.add(hit.path("_source"));
    }
    return sources;
  }

  static Map<String, Object> term(String field, String value) {
    return Map.of("term", Map.of(field, value));
  }
}
