package io.choreography.tracker.service.faults;

import io.choreography.tracker.service.it.TestElasticsearch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Every event document of an index pattern, by _id, read with a scroll (a search stops at 10,000 hits). */
final class EventDocuments {

  private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
      .build();

  private EventDocuments() {}

  /** What the poison checks read of a document: its index, payload kind, truncation and problems, by _id. */
  static Map<String, JsonNode> summaries(TestElasticsearch es, String indexPattern, java.util.Collection<String> ids) {
    Map<String, JsonNode> docs = new HashMap<>();
    List<String> all = new java.util.ArrayList<>(ids);
    for (int from = 0; from < all.size(); from += 500) {
      List<String> slice = all.subList(from, Math.min(all.size(), from + 500));
      JsonNode hits = es.call("POST", "/" + indexPattern + "/_search", JSON.writeValueAsString(Map.of(
          "size", slice.size(), "_source", List.of("payloadKind", "payloadTruncated", "problems", "traceId"),
          "query", Map.of("ids", Map.of("values", slice))))).path("hits").path("hits");
      for (JsonNode h : hits) {
        docs.put(h.path("_id").asString(), h);
      }
    }
    return docs;
  }

  /** _id to payloadKind of every document; a duplicate _id (impossible by design) would be counted as missing. */
  static Map<String, String> kinds(TestElasticsearch es, String indexPattern) {
    Map<String, String> kinds = new HashMap<>();
    JsonNode page = es.call("POST", "/" + indexPattern + "/_search?scroll=1m",
        "{\"size\":5000,\"_source\":[\"payloadKind\"],\"sort\":[\"_doc\"]}");
    while (true) {
      JsonNode hits = page.path("hits").path("hits");
      if (hits.isEmpty()) {
        break;
      }
      for (JsonNode h : hits) {
        kinds.put(h.path("_id").asString(), h.path("_source").path("payloadKind").asString());
      }
      page = es.call("POST", "/_search/scroll",
          "{\"scroll\":\"1m\",\"scroll_id\":\"" + page.path("_scroll_id").asString() + "\"}");
    }
    es.call("DELETE", "/_search/scroll", "{\"scroll_id\":\"" + page.path("_scroll_id").asString() + "\"}");
    return kinds;
  }
}
