package io.choreography.tracker.service.api.analytics;

import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.StepDefinition;
import io.choreography.tracker.service.api.Searches;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Where a process's traffic has left its definition. Unmodelled: event types that arrive on the traces of its
 * instances but match no step, as the pipeline counts them in {@code <prefix>-drift} (one document per process,
 * topic and type). Unreached: steps that no instance updated within the period had reached, while some had been
 * updated, each with the last time an event reached it. Three requests: the drift documents, one aggregation over
 * the instances, one over the events (only when a step is unreached).
 */
public final class Drift {

  /** More unmodelled types than this for one process are not listed (the most recently seen are). */
  static final int MAX_UNMODELLED = 200;
  private static final int MAX_STEPS = 1_000;

  private final Searches search;
  private final IndexNames names;

  public Drift(Searches search, IndexNames names) {
    this.search = search;
    this.names = names;
  }

  /** An event type the process does not model. */
  public record Unmodelled(String topic, String type, long count, String firstSeen, String lastSeen,
      String exampleEventId, String exampleTraceId, String suggestedStep) {}

  /** A step not reached within the period; {@code lastReachedAt} null when no indexed event ever reached it. */
  public record Unreached(String step, String lastReachedAt) {}

  /**
   * @param instancesUpdated instances of the process updated within the period (none: nothing ran, so no step is
   *     listed as unreached)
   */
  public record Report(Instant since, Duration period, long instancesUpdated, List<Unmodelled> unmodelled,
      List<Unreached> unreached) {}

  public Report of(ProcessDefinition process, Instant now, Duration period) {
    Instant since = now.minus(period);
    List<Unmodelled> unmodelled = unmodelled(process.id());
    JsonNode instances = search.search(names.instancesIndex(), Map.of(
        "size", 0,
        "track_total_hits", true,
        "query", Map.of("bool", Map.of("filter", List.of(
            Map.of("term", Map.of("process", process.id())),
            Map.of("range", Map.of("updatedAt", Map.of("gte", since.toString())))))),
        "aggs", Map.of("reached", Map.of("terms", Map.of("field", "reachedSteps", "size", MAX_STEPS)))));
    long updated = instances.path("hits").path("total").path("value").asLong();
    Set<String> reached = new HashSet<>();
    instances.path("aggregations").path("reached").path("buckets").forEach(b -> reached.add(b.path("key").asString()));
    List<String> notReached = new ArrayList<>();
    if (updated > 0) {
      for (StepDefinition step : process.steps()) {
        if (!reached.contains(step.id())) {
          notReached.add(step.id());
        }
      }
    }
    Map<String, String> last = notReached.isEmpty() ? Map.of() : lastReached(process.id(), notReached);
    List<Unreached> unreached = notReached.stream().map(s -> new Unreached(s, last.get(s))).toList();
    return new Report(since, period, updated, unmodelled, unreached);
  }

  private List<Unmodelled> unmodelled(String process) {
    JsonNode answer = search.search(names.driftIndex(), Map.of(
        "size", MAX_UNMODELLED,
        "query", Map.of("bool", Map.of("filter", List.of(Map.of("term", Map.of("process", process))))),
        "sort", List.of(
            Map.of("lastSeen", Map.of("order", "desc", "unmapped_type", "date")),
            Map.of("count", Map.of("order", "desc", "unmapped_type", "long")))));
    List<Unmodelled> list = new ArrayList<>();
    for (JsonNode hit : answer.path("hits").path("hits")) {
      JsonNode d = hit.path("_source");
      list.add(new Unmodelled(text(d, "topic"), text(d, "type"), d.path("count").asLong(), text(d, "firstSeen"),
          text(d, "lastSeen"), text(d, "exampleEventId"), text(d, "exampleTraceId"),
          SuggestedStepYaml.of(d.get("suggestedStep"))));
    }
    return list;
  }

  /**
   * The time of the latest event of each step, among the events whose first match was this process (an event
   * document names the process and step of its first match only).
   */
  private Map<String, String> lastReached(String process, List<String> steps) {
    JsonNode answer = search.search(names.eventsPattern(), Map.of(
        "size", 0,
        "query", Map.of("bool", Map.of("filter", List.of(
            Map.of("term", Map.of("process", process)),
            Map.of("terms", Map.of("step", steps))))),
        "aggs", Map.of("step", Map.of(
            "terms", Map.of("field", "step", "size", MAX_STEPS),
            "aggs", Map.of("last", Map.of("max", Map.of("field", "time")))))));
    Map<String, String> last = new HashMap<>();
    for (JsonNode bucket : answer.path("aggregations").path("step").path("buckets")) {
      JsonNode time = bucket.path("last").path("value_as_string");
      if (time.isString()) {
        last.put(bucket.path("key").asString(), Instant.parse(time.asString()).toString());
      }
    }
    return last;
  }

  private static String text(JsonNode d, String field) {
    JsonNode v = d.path(field);
    return v.isNull() || v.isMissingNode() ? null : v.asString();
  }
}
