package io.choreography.tracker.service.api.analytics;

import io.choreography.tracker.service.api.Searches;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * How well ended instances kept to their process, from the instance documents' {@code deviations} and
 * {@code hadIncident} (every deviation an instance ever had, open or resolved): one aggregation request, no scan.
 * An instance counts when its {@code endedAt} lies in {@code [from, to)}.
 */
public final class Conformance {

  private static final int MAX_STEPS = 1_000;
  private static final int MAX_PROCESSES = 1_000;

  private final Searches search;
  private final IndexNames names;

  public Conformance(Searches search, IndexNames names) {
    this.search = search;
    this.names = names;
  }

  /** Ended instances at one step that had each kind of deviation there. */
  public record StepDeviations(long stuck, long outOfOrder, long unexpected, long failed) {}

  /**
   * Figures of one process over {@code [from, to)}.
   *
   * @param withoutIncident ended instances whose document says {@code hadIncident: false}
   * @param deadline ended instances whose DEADLINE passed
   * @param steps per step with any deviation
   */
  public record Figures(Instant from, Instant to, long ended, long withoutIncident, long deadline,
      Map<String, StepDeviations> steps) {

    /** Share of ended instances without any incident; null when none ended. */
    public Double rate() {
      return ended == 0 ? null : (double) withoutIncident / ended;
    }
  }

  /** Ended and incident-free instance counts of one process. */
  public record Rate(long ended, long withoutIncident) {

    public double ratio() {
      return ended == 0 ? Double.NaN : (double) withoutIncident / ended;
    }
  }

  public Figures of(String process, Instant from, Instant to) {
    Map<String, Object> aggs = new LinkedHashMap<>();
    aggs.put("withoutIncident", withoutIncident());
    aggs.put("deadline", Map.of("filter", Map.of("term", Map.of("deviations.deadline", true))));
    aggs.put("stuck", terms("deviations.stuck", MAX_STEPS));
    aggs.put("outOfOrder", terms("deviations.outOfOrder", MAX_STEPS));
    aggs.put("unexpected", terms("deviations.unexpected", MAX_STEPS));
    aggs.put("failed", terms("deviations.failed", MAX_STEPS));
    JsonNode answer = search.search(names.instancesIndex(), Map.of(
        "size", 0,
        "track_total_hits", true,
        "query", Map.of("bool", Map.of("filter", List.of(
            Map.of("term", Map.of("process", process)), endedWithin(from, to)))),
        "aggs", aggs));
    JsonNode a = answer.path("aggregations");
    Map<String, Long> stuck = buckets(a.path("stuck"));
    Map<String, Long> outOfOrder = buckets(a.path("outOfOrder"));
    Map<String, Long> unexpected = buckets(a.path("unexpected"));
    Map<String, Long> failed = buckets(a.path("failed"));
    Map<String, StepDeviations> steps = new LinkedHashMap<>();
    for (Map<String, Long> kind : List.of(stuck, outOfOrder, unexpected, failed)) {
      for (String step : kind.keySet()) {
        steps.computeIfAbsent(step, s -> new StepDeviations(stuck.getOrDefault(s, 0L),
            outOfOrder.getOrDefault(s, 0L), unexpected.getOrDefault(s, 0L), failed.getOrDefault(s, 0L)));
      }
    }
    return new Figures(from, to, answer.path("hits").path("total").path("value").asLong(),
        a.path("withoutIncident").path("doc_count").asLong(), a.path("deadline").path("doc_count").asLong(), steps);
  }

  /** The rates of every process with an instance that ended in {@code [from, to)}, in one request. */
  public Map<String, Rate> rates(Instant from, Instant to) {
    JsonNode answer = search.search(names.instancesIndex(), Map.of(
        "size", 0,
        "query", Map.of("bool", Map.of("filter", List.of(endedWithin(from, to)))),
        "aggs", Map.of("process", Map.of(
            "terms", Map.of("field", "process", "size", MAX_PROCESSES),
            "aggs", Map.of("withoutIncident", withoutIncident())))));
    Map<String, Rate> rates = new HashMap<>();
    for (JsonNode bucket : answer.path("aggregations").path("process").path("buckets")) {
      rates.put(bucket.path("key").asString(), new Rate(bucket.path("doc_count").asLong(),
          bucket.path("withoutIncident").path("doc_count").asLong()));
    }
    return rates;
  }

  private static Map<String, Object> endedWithin(Instant from, Instant to) {
    return Map.of("range", Map.of("endedAt", Map.of("gte", from.toString(), "lt", to.toString())));
  }

  private static Map<String, Object> withoutIncident() {
    return Map.of("filter", Map.of("term", Map.of("hadIncident", false)));
  }

  private static Map<String, Object> terms(String field, int size) {
    return Map.of("terms", Map.of("field", field, "size", size));
  }

  private static Map<String, Long> buckets(JsonNode aggregation) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (JsonNode bucket : aggregation.path("buckets")) {
      counts.put(bucket.path("key").asString(), bucket.path("doc_count").asLong());
    }
    return counts;
  }
}
