package io.choreography.tracker.service.elasticsearch;

import java.util.Map;

/**
 * Outcome of one bulk write. {@code rejected} maps the position of each document Elasticsearch refused for
 * good (a 4xx other than 429) to its reason; every other document was written.
 */
public record BulkResult(Map<Integer, String> rejected) {

  public static final BulkResult ALL_WRITTEN = new BulkResult(Map.of());

  public boolean allWritten() {
    return rejected.isEmpty();
  }
}
