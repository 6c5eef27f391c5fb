package io.choreography.tracker.service.api;

import java.io.IOException;
import java.util.Map;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Searches of the tracker's indices. Bodies are built as maps and serialised, so a caller's value
 * only ever reaches Elasticsearch as a JSON value (a term), never inside a query string. An index not created yet
 * answers as empty.
 */
@Component
public class Searches {

  /** Elasticsearch answers 503 while a shard is still initializing (e.g. an index just created): try again soon. */
  private static final int ATTEMPTS = 4;
  private static final long PAUSE_MILLIS = 250;

  private final RestClient client;
  private final JsonMapper json;

  public Searches(RestClient client, JsonMapper json) {
    this.client = client;
    this.json = json;
  }

  /** The whole search response; missing indices count as empty. */
  public JsonNode search(String index, Map<String, Object> body) {
    Request request = new Request("POST", "/" + index + "/_search");
    request.addParameter("ignore_unavailable", "true");
    request.addParameter("allow_no_indices", "true");
    request.setJsonEntity(json.writeValueAsString(body));
    for (int attempt = 1; ; attempt++) {
      try {
        Response response = client.performRequest(request);
        return json.readTree(response.getEntity().getContent());
      } catch (ResponseException e) {
        if (e.getResponse().getStatusLine().getStatusCode() != 503 || attempt == ATTEMPTS) {
          throw unavailable(e);
        }
        pause();
      } catch (IOException e) {
        throw unavailable(e);
      }
    }
  }

  private static ApiException unavailable(IOException e) {
    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Elasticsearch is not reachable: " + e.getMessage(), e);
  }

  private static void pause() {
    try {
      Thread.sleep(PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted while waiting for Elasticsearch", e);
    }
  }
}
