package io.choreography.tracker.service.api;

import io.choreography.tracker.service.elasticsearch.IndexNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a trace from Elasticsearch. The trace id only ever reaches Elasticsearch as a term value. */
@Component
public class TraceQueries {

  /** A trace with more events than this is cut (and says so in the answer). */
  static final int MAX_EVENTS = 10_000;

  private final RestClient client;
  private final IndexNames names;
  private final JsonMapper json;

  public TraceQueries(RestClient client, IndexNames names, JsonMapper json) {
    this.client = client;
    this.names = names;
    this.json = json;
  }

  /** The trace's events in time order, as indexed. */
  public List<JsonNode> events(String traceId) {
    Map<String, Object> body = Map.of(
        "size", MAX_EVENTS,
        "query", Map.of("term", Map.of("traceId", traceId)),
        "sort", List.of(Map.of("time", "asc"), Map.of("topic", "asc"), Map.of("partition", "asc"),
            Map.of("offset", "asc")));
    return search(names.eventsPattern(), body);
  }

  private List<JsonNode> search(String indices, Map<String, Object> body) {
    Request request = new Request("POST", "/" + indices + "/_search");
    request.addParameter("ignore_unavailable", "true");
    request.addParameter("allow_no_indices", "true");
    request.setJsonEntity(json.writeValueAsString(body));
    JsonNode answer;
    try {
      Response response = client.performRequest(request);
      answer = json.readTree(response.getEntity().getContent());
    } catch (IOException e) {
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Elasticsearch is not reachable: " + e.getMessage(), e);
    }
    List<JsonNode> sources = new ArrayList<>();
    for (JsonNode hit : answer.path("hits").path("hits")) {
      sources.add(hit.path("_source"));
    }
    return sources;
  }
}
