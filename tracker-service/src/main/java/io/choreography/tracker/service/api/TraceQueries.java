package io.choreography.tracker.service.api;

import io.choreography.tracker.service.elasticsearch.IndexNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Reads a trace's events from Elasticsearch. The trace id only ever reaches Elasticsearch as a term value. */
@Component
public class TraceQueries {

  /** A trace with more events than this is cut (and says so in the answer). */
  static final int MAX_EVENTS = 10_000;

  private final Searches searches;
  private final IndexNames names;

  public TraceQueries(Searches searches, IndexNames names) {
    this.searches = searches;
    this.names = names;
  }

  /** The trace's events in time order, as indexed. */
  public List<JsonNode> events(String traceId) {
    List<JsonNode> sources = new ArrayList<>();
    for (JsonNode hit : searches.search(names.eventsPattern(), eventsSearch(traceId)).path("hits").path("hits")) {
      sources.add(hit.path("_source"));
    }
    return sources;
  }

  /** The search body of {@link #events}, for the events index pattern (public for the trace lookup benchmark). */
  public static Map<String, Object> eventsSearch(String traceId) {
    return Map.of(
        "size", MAX_EVENTS,
        "query", Map.of("term", Map.of("traceId", traceId)),
        "sort", List.of(Map.of("time", "asc"), Map.of("topic", "asc"), Map.of("partition", "asc"),
            Map.of("offset", "asc")));
  }
}
