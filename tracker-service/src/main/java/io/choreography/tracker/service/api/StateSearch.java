package io.choreography.tracker.service.api;

import java.io.IOException;
import java.util.Map;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Searches of the instances and incidents indices. Bodies are built as maps and serialised, so a caller's value
 * only ever reaches Elasticsearch as a JSON value (a term), never inside a query string. An index not created yet
 * answers as empty.
 */
@Component
public class StateSearch {

  private final RestClient client;
  private final JsonMapper json;

  public StateSearch(RestClient client, JsonMapper json) {
    this.client = client;
    this.json = json;
  }

  /** The whole search response. */
  public JsonNode search(String index, Map<String, Object> body) {
    Request request = new Request("POST", "/" + index + "/_search");
    request.addParameter("ignore_unavailable", "true");
    request.addParameter("allow_no_indices", "true");
    request.setJsonEntity(json.writeValueAsString(body));
    try {
      Response response = client.performRequest(request);
      return json.readTree(response.getEntity().getContent());
    } catch (IOException e) {
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Elasticsearch is not reachable: " + e.getMessage(), e);
    }
  }
}
