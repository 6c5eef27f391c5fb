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
    return events(traceId, List.of());
  }

  /**
   * The events of a trace: those that carry its trace id and, when its instances linked business key values (SPEC
   * 3.12), those that carry one of them and joined an instance through it.
   */
  public List<JsonNode> events(String traceId, List<String> keyValues) {
    List<JsonNode> sources = new ArrayList<>();
    Map<String, Object> body = keyValues.isEmpty() ? eventsSearch(traceId) : eventsSearch(traceId, keyValues);
    for (JsonNode hit : searches.search(names.eventsPattern(), body).path("hits").path("hits")) {
      sources.add(hit.path("_source"));
    }
    return sources;
  }

  /** The search body of {@link #events}, for the events index pattern (public for the trace lookup benchmark). */
  public static Map<String, Object> eventsSearch(String traceId) {
    return eventsSearch(Map.of("term", Map.of("traceId", traceId)));
  }

  private static Map<String, Object> eventsSearch(String traceId, List<String> keyValues) {
    return eventsSearch(Map.of("bool", Map.of("minimum_should_match", 1, "should", List.of(
        Map.of("term", Map.of("traceId", traceId)), Map.of("terms", Map.of("keyValues", keyValues))))));
  }

  private static Map<String, Object> eventsSearch(Map<String, Object> query) {
    return Map.of(
        "size", MAX_EVENTS,
        "query", query,
        "sort", List.of(Map.of("time", "asc"), Map.of("topic", "asc"), Map.of("partition", "asc"),
            Map.of("offset", "asc")));
  }
}
