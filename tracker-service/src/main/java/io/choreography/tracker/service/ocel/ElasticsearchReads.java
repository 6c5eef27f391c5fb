package io.choreography.tracker.service.ocel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export's requests to Elasticsearch: bodies built as maps (a caller's value only ever is a JSON value), answers
 * read as trees. A failure is an {@link UncheckedIOException} naming the request.
 */
final class ElasticsearchReads {

  private final RestClient client;
  private final JsonMapper json;

  ElasticsearchReads(RestClient client, JsonMapper json) {
    this.client = client;
    this.json = json;
  }

  /** {@code method path} with the body and parameters; missing indices count as empty where the path allows it. */
  JsonNode call(String method, String path, Map<String, String> parameters, Map<String, Object> body) {
    Request request = new Request(method, path);
    parameters.forEach(request::addParameter);
    if (body != null) {
      request.setJsonEntity(json.writeValueAsString(body));
    }
    try {
      Response response = client.performRequest(request);
      try (InputStream in = response.getEntity().getContent()) {
        return json.readTree(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Elasticsearch " + method + " " + path + " failed: " + e.getMessage(), e);
    }
  }

  /** A search of {@code index} (a name or pattern; none existing counts as empty). */
  JsonNode search(String index, Map<String, Object> body) {
    return call("POST", "/" + index + "/_search", Map.of("ignore_unavailable", "true", "allow_no_indices", "true"),
        body);
  }
}
