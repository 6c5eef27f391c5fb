package io.choreography.tracker.service.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Direct reads of the shared Elasticsearch node, to check what the tracker wrote. */
public final class TestElasticsearch implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final RestClient client;

  public TestElasticsearch(String uri) {
    this.client = RestClient.builder(HttpHost.create(uri)).build();
  }

  public JsonNode call(String method, String path, String body) {
    Request r = new Request(method, path);
    if (body != null) {
      r.setJsonEntity(body);
    }
    try {
      Response response = client.performRequest(r);
      return JSON.readTree(response.getEntity().getContent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Number of documents in the indices matching the pattern, after a refresh. */
  public long count(String indexPattern) {
    try {
      return countNow(indexPattern);
    } catch (UncheckedIOException e) {
      // an index the tracker just created answers 503 until its shard started: wait for that, then count again
      // (waiting first would wait out the whole timeout for an index that does not exist yet)
      if (!(e.getCause() instanceof ResponseException r) || r.getResponse().getStatusLine().getStatusCode() != 503) {
        throw e;
      }
      call("GET", "/_cluster/health/" + indexPattern + "?wait_for_status=yellow&timeout=30s", null);
      return countNow(indexPattern);
    }
  }

  private long countNow(String indexPattern) {
    return countNow(indexPattern, null);
  }

  private long countNow(String indexPattern, String query) {
    call("POST", "/" + indexPattern + "/_refresh?ignore_unavailable=true&allow_no_indices=true", null);
    return call("POST", "/" + indexPattern + "/_count?ignore_unavailable=true&allow_no_indices=true",
        query == null ? null : "{\"query\":" + query + "}").path("count").asLong();
  }

  /** Number of documents whose {@code field} holds one of {@code values}, after a refresh. */
  public long count(String indexPattern, String field, Collection<String> values) {
    return countNow(indexPattern, termsQuery(field, values));
  }

  /** The _id of every document (at most 10,000) in the indices matching the pattern. */
  public Set<String> ids(String indexPattern) {
    return idsMatching(indexPattern, "{\"match_all\":{}}");
  }

  /** The _id of every document (at most 10,000) whose {@code field} holds one of {@code values}. */
  public Set<String> ids(String indexPattern, String field, Collection<String> values) {
    return idsMatching(indexPattern, termsQuery(field, values));
  }

  private static String termsQuery(String field, Collection<String> values) {
    return JSON.writeValueAsString(Map.of("terms", Map.of(field, values)));
  }

  private Set<String> idsMatching(String indexPattern, String query) {
    JsonNode hits = call("POST", "/" + indexPattern + "/_search",
        "{\"size\":10000,\"_source\":false,\"query\":" + query + "}").path("hits").path("hits");
    Set<String> ids = new HashSet<>();
    for (JsonNode h : hits) {
      ids.add(h.path("_id").asString());
    }
    return ids;
  }

  public JsonNode source(String indexPattern, String field, String value) {
    JsonNode hits = call("POST", "/" + indexPattern + "/_search",
        JSON.writeValueAsString(Map.of("query", Map.of("term", Map.of(field, value)))))
        .path("hits").path("hits");
    return hits.isEmpty() ? null : hits.get(0).path("_source");
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
