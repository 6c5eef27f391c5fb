package io.choreography.tracker.service.faults;

import io.choreography.tracker.service.it.TestElasticsearch;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Every event document of an index pattern, by _id, read with a scroll (a search stops at 10,000 hits). */
final class EventDocuments {

  private EventDocuments() {}

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
