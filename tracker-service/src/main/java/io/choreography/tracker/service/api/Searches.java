package io.choreography.tracker.service.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
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
  private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

  private final RestClient client;
  private final JsonMapper json;

  /** One search of {@link #searchAll}: the index (a name or pattern) and the body. */
  public record Search(String index, Map<String, Object> body) {}

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
      JsonNode answer = perform(request, attempt);
      if (answer != null) {
        return answer;
      }
      pause();
    }
  }

  /**
   * Several searches in one request ({@code _msearch}: Elasticsearch runs them side by side), their whole responses
   * in the same order; missing indices count as empty.
   */
  public List<JsonNode> searchAll(List<Search> searches) {
    StringBuilder body = new StringBuilder();
    for (Search s : searches) {
      body.append(json.writeValueAsString(Map.of("index", s.index(), "ignore_unavailable", true,
          "allow_no_indices", true))).append('\n');
      body.append(json.writeValueAsString(s.body())).append('\n');
    }
    Request request = new Request("POST", "/_msearch");
    request.setEntity(new ByteArrayEntity(body.toString().getBytes(StandardCharsets.UTF_8), NDJSON));
    for (int attempt = 1; ; attempt++) {
      JsonNode answer = perform(request, attempt);
      if (answer != null && retryable(answer.path("responses"), attempt)) {
        answer = null;
      }
      if (answer != null) {
        List<JsonNode> responses = new ArrayList<>(searches.size());
        answer.path("responses").forEach(responses::add);
        return responses;
      }
      pause();
    }
  }

  /**
   * The response, or null for a 503 to try again (while attempts are left); any other failure is an {@link
   * ApiException}.
   */
  private JsonNode perform(Request request, int attempt) {
    try {
      Response response = client.performRequest(request);
      return json.readTree(response.getEntity().getContent());
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() != 503 || attempt == ATTEMPTS) {
        throw unavailable(e);
      }
      return null;
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  /** True when one of the multi-search's responses is a 503 and attempts are left; fails on any other error. */
  private static boolean retryable(JsonNode responses, int attempt) {
    boolean again = false;
    for (JsonNode r : responses) {
      if (!r.has("error")) {
        continue;
      }
      if (r.path("status").asInt() != 503 || attempt == ATTEMPTS) {
        throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Elasticsearch could not search: "
            + r.path("error").path("reason").asString(r.path("error").toString()));
      }
      again = true;
    }
    return again;
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
