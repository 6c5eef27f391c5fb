package io.choreography.tracker.service.api;

import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.definition.StepDefinition;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Aggregations over the instances index: instance counts by status, and per step how many instances reached it,
 * wait at it, are stuck at it, and the percentiles of its duration (from {@code stepDurationsMs.<step>}, one field
 * per step of the process's definition).
 */
@Component
public class ProcessStatistics {

  private static final int MAX_BUCKETS = 1_000;

  private static final String DURATION = "duration:";

  private final Searches search;
  private final IndexNames names;
  private final ProcessDefinitions definitions;

  public ProcessStatistics(Searches search, IndexNames names, ProcessDefinitions definitions) {
    this.search = search;
    this.names = names;
    this.definitions = definitions;
  }

  /** Per step of one process. Percentiles are null when no instance has a duration for the step yet. */
  record StepFigures(long reached, long waiting, long stuck, Double p50, Double p95, Double p99) {}

  /** Figures of one process. */
  record Figures(Map<String, Long> counts, Map<String, StepFigures> steps) {}

  /**
   * The observed p95 duration in milliseconds of each step of one process that has durations (from when the step
   * became expected to when it was reached).
   */
  public Map<String, Double> p95ByStep(String process) {
    Map<String, Double> p95 = new HashMap<>();
    of(process).steps().forEach((step, figures) -> {
      if (figures.p95() != null) {
        p95.put(step, figures.p95());
      }
    });
    return p95;
  }

  /** Instance counts by status (running, stuck, completed, failed; 0 when none) of every process. */
  Map<String, Map<String, Long>> countsByProcess() {
    JsonNode answer = search.search(names.instancesIndex(), Map.of(
        "size", 0,
        "aggs", Map.of("process", Map.of(
            "terms", Map.of("field", "process", "size", MAX_BUCKETS),
            "aggs", Map.of("status", terms("status"))))));
    Map<String, Map<String, Long>> counts = new HashMap<>();
    for (JsonNode bucket : answer.path("aggregations").path("process").path("buckets")) {
      counts.put(bucket.path("key").asString(), statusCounts(bucket.path("status")));
    }
    return counts;
  }

  Figures of(String process) {
    Map<String, Object> aggregations = new HashMap<>(Map.of(
        "status", terms("status"),
        "reached", terms("reachedSteps"),
        "waiting", terms("waitingSteps"),
        "stuck", terms("stuckSteps")));
    ProcessDefinition definition = definitions.get(process);
    if (definition != null) {
      // a step no instance has a duration for yet is an unmapped field: its percentiles are null
      for (StepDefinition step : definition.steps()) {
        aggregations.put(DURATION + step.id(), Map.of("percentiles",
            Map.of("field", "stepDurationsMs." + step.id(), "percents", List.of(50, 95, 99))));
      }
    }
    JsonNode answer = search.search(names.instancesIndex(), Map.of(
        "size", 0,
        "query", Map.of("bool", Map.of("filter", List.of(InstanceQueries.term("process", process)))),
        "aggs", aggregations));
    JsonNode aggs = answer.path("aggregations");
    Map<String, Long> reached = bucketCounts(aggs.path("reached"));
    Map<String, Long> waiting = bucketCounts(aggs.path("waiting"));
    Map<String, Long> stuck = bucketCounts(aggs.path("stuck"));
    Map<String, JsonNode> percentiles = new HashMap<>();
    for (Map.Entry<String, JsonNode> a : aggs.properties()) {
      if (a.getKey().startsWith(DURATION)) {
        percentiles.put(a.getKey().substring(DURATION.length()), a.getValue().path("values"));
      }
    }
    Map<String, StepFigures> steps = new HashMap<>();
    for (String step : union(reached, waiting, stuck, percentiles)) {
      JsonNode p = percentiles.get(step);
      steps.put(step, new StepFigures(reached.getOrDefault(step, 0L), waiting.getOrDefault(step, 0L),
          stuck.getOrDefault(step, 0L), percentile(p, "50.0"), percentile(p, "95.0"), percentile(p, "99.0")));
    }
    return new Figures(statusCounts(aggs.path("status")), steps);
  }

  /** Counts for every status, 0 when none. */
  static Map<String, Long> statusCounts(JsonNode statusAggregation) {
    Map<String, Long> byStatus = bucketCounts(statusAggregation);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (InstanceStatus s : InstanceStatus.values()) {
      counts.put(s.name().toLowerCase(Locale.ROOT), byStatus.getOrDefault(s.name(), 0L));
    }
    return counts;
  }

  static Map<String, Long> zeroCounts() {
    return statusCounts(null);
  }

  private static Map<String, Object> terms(String field) {
    return Map.of("terms", Map.of("field", field, "size", MAX_BUCKETS));
  }

  private static Map<String, Long> bucketCounts(JsonNode aggregation) {
    Map<String, Long> counts = new HashMap<>();
    if (aggregation != null) {
      for (JsonNode bucket : aggregation.path("buckets")) {
        counts.put(bucket.path("key").asString(), bucket.path("doc_count").asLong());
      }
    }
    return counts;
  }

  private static Double percentile(JsonNode values, String key) {
    if (values == null) {
      return null;
    }
    JsonNode v = values.path(key);
    return v.isNumber() ? v.asDouble() : null;
  }

  @SafeVarargs
  private static java.util.Set<String> union(Map<String, ?>... maps) {
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (Map<String, ?> m : maps) {
      keys.addAll(m.keySet());
    }
    return keys;
  }
}
