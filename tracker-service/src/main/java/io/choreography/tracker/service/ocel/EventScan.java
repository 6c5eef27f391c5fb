package io.choreography.tracker.service.ocel;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.http.ContentTooLongException;
import tools.jackson.databind.JsonNode;

/**
 * Every event document of an export, oldest first, a page at a time: a point in time over the events indices (so
 * that documents indexed meanwhile neither shift nor repeat pages) and {@code search_after} on (time, shard doc).
 * Only one page is held at once. A page whose answer is too large for the client's buffer (payloads of up to 1 MiB
 * each) is asked for again at half the size.
 */
final class EventScan implements AutoCloseable {

  static final String KEEP_ALIVE = "5m";
  static final List<String> SOURCE = List.of("eventId", "traceId", "type", "time", "topic", "matches", "payload");

  private final ElasticsearchReads es;
  private final String pattern;
  private final Map<String, Object> query;
  private int pageSize;
  private String pit;

  EventScan(ElasticsearchReads es, String pattern, Map<String, Object> query, int pageSize) {
    this.es = es;
    this.pattern = pattern;
    this.query = query;
    this.pageSize = pageSize;
  }

  /** How many events the scan will visit (documents indexed after the point in time aside). */
  long count() {
    return es.call("POST", "/" + pattern + "/_count", Map.of("ignore_unavailable", "true", "allow_no_indices", "true"),
        Map.of("query", query)).path("count").asLong();
  }

  /** Calls {@code hit} with each hit ({@code _id}, {@code _source}) in time order. */
  void forEach(Consumer<JsonNode> hit) {
    pit = es.call("POST", "/" + pattern + "/_pit", Map.of("keep_alive", KEEP_ALIVE, "ignore_unavailable", "true"),
        null).path("id").asString();
    JsonNode after = null;
    while (true) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("size", pageSize);
      body.put("query", query);
      body.put("sort", List.of(Map.of("time", "asc")));
      body.put("_source", SOURCE);
      body.put("track_total_hits", false);
      body.put("pit", Map.of("id", pit, "keep_alive", KEEP_ALIVE));
      if (after != null) {
        body.put("search_after", after);
      }
      JsonNode answer;
      try {
        answer = es.call("POST", "/_search", Map.of(), body);
      } catch (UncheckedIOException e) {
        if (tooLong(e) && pageSize > 1) {
          pageSize = Math.max(1, pageSize / 2);
          continue;
        }
        throw e;
      }
      pit = answer.path("pit_id").asString(pit);
      JsonNode hits = answer.path("hits").path("hits");
      if (hits.isEmpty()) {
        return;
      }
      for (JsonNode h : hits) {
        hit.accept(h);
      }
      after = hits.get(hits.size() - 1).path("sort");
    }
  }

  private static boolean tooLong(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ContentTooLongException) {
        return true;
      }
    }
    return false;
  }

  /** Frees the point in time. */
  @Override
  public void close() {
    if (pit != null) {
      try {
        es.call("DELETE", "/_pit", Map.of(), Map.of("id", pit));
      } catch (UncheckedIOException e) {
        // it expires by itself after KEEP_ALIVE
      }
      pit = null;
    }
  }
}
