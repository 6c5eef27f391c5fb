package io.choreography.tracker.service.elasticsearch;

import java.util.List;
import java.util.Map;

/**
 * Outcome of one bulk request, by position in the documents sent: {@code written} were accepted, {@code retry}
 * were refused for now (429, 5xx) and may be sent again, {@code rejected} were refused for good (with the reason).
 */
public record BulkAttempt(List<Integer> written, List<Integer> retry, Map<Integer, String> rejected) {

  public BulkAttempt {
    written = List.copyOf(written);
    retry = List.copyOf(retry);
    rejected = Map.copyOf(rejected);
  }

  public boolean complete() {
    return retry.isEmpty();
  }
}
