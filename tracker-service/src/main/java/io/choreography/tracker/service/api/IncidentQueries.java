package io.choreography.tracker.service.api;

import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Reads incident documents: one by id, and pages of them newest first. Every caller's value is a term value. */
@Component
public class IncidentQueries {

  private final Searches search;
  private final IndexNames names;

  public IncidentQueries(Searches search, IndexNames names) {
    this.search = search;
    this.names = names;
  }

  /** The filters of {@code GET /api/incidents}; empty sets and null mean no filter. */
  record Filter(Set<IncidentStatus> statuses, Set<IncidentType> types, String process) {}

  /** One page of incident documents and the position after its last one, or null when there is no more. */
  record Page(List<JsonNode> incidents, PageCursor.Position next) {}

  Page page(Filter filter, int size, PageCursor.Position after) {
    List<Object> must = new ArrayList<>();
    if (!filter.statuses().isEmpty()) {
      must.add(Map.of("terms", Map.of("status", filter.statuses().stream().map(Enum::name).toList())));
    }
    if (!filter.types().isEmpty()) {
      must.add(Map.of("terms", Map.of("type", filter.types().stream().map(Enum::name).toList())));
    }
    if (filter.process() != null) {
      must.add(InstanceQueries.term("process", filter.process()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("size", size + 1);
    body.put("query", Map.of("bool", Map.of("filter", must)));
    body.put("sort", List.of(
        Map.of("openedAt", Map.of("order", "desc", "unmapped_type", "date", "missing", "_last")),
        Map.of("id", Map.of("order", "asc", "unmapped_type", "keyword"))));
    if (after != null) {
      body.put("search_after", after.searchAfter());
    }
    List<JsonNode> hits = new ArrayList<>();
    search.search(names.incidentsIndex(), body).path("hits").path("hits").forEach(hits::add);
    PageCursor.Position next = null;
    if (hits.size() > size) {
      hits = hits.subList(0, size);
      JsonNode sort = hits.get(size - 1).path("sort");
      next = new PageCursor.Position(sort.get(0).asLong(), sort.get(1).asString());
    }
    return new Page(hits.stream().map(h -> h.path("_source")).toList(), next);
  }

  /** The incident document, or null. */
  JsonNode incident(String id) {
    JsonNode hits = search.search(names.incidentsIndex(), Map.of(
        "size", 1,
        "query", Map.of("bool", Map.of("filter", List.of(InstanceQueries.term("id", id)))))).path("hits").path("hits");
    return hits.isEmpty() ? null : hits.get(0).path("_source");
  }
}
