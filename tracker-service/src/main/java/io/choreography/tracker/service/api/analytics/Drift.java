package io.choreography.tracker.service.api.analytics;

import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.StepDefinition;
import io.choreography.tracker.service.api.Searches;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Where a process's traffic has left its definition. Unmodelled: event types that arrive on the traces of its
 * instances but match no step, as the pipeline counts them in {@code <prefix>-drift} (one document per process,
 * topic, type and partition of the topology). Unreached: steps that no instance updated within the period had reached, while some had been
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

  /**
   * The unmodelled types of the process: each task of the topology counts the traces of its partition in a
   * document of its own, so the documents of one topic and type are added up here (sum of counts, earliest first
   * seen, latest last seen, the latest example); most recently seen first, then by count.
   */
  private List<Unmodelled> unmodelled(String process) {
    JsonNode answer = search.search(names.driftIndex(), Map.of(
        "size", 0,
        "query", Map.of("bool", Map.of("filter", List.of(Map.of("term", Map.of("process", process))))),
        "aggs", Map.of("topic", Map.of(
            "terms", Map.of("field", "topic", "size", MAX_UNMODELLED),
            "aggs", Map.of("type", Map.of(
                "terms", Map.of("field", "type", "size", MAX_UNMODELLED),
                "aggs", Map.of(
                    "count", Map.of("sum", Map.of("field", "count")),
                    "first", Map.of("min", Map.of("field", "firstSeen")),
                    "last", Map.of("max", Map.of("field", "lastSeen")),
                    "example", Map.of("top_hits", Map.of("size", 1,
                        "sort", List.of(Map.of("lastSeen", Map.of("order", "desc"))),
                        "_source", List.of("exampleEventId", "exampleTraceId", "suggestedStep"))))))))));
    List<Unmodelled> list = new ArrayList<>();
    for (JsonNode topic : answer.path("aggregations").path("topic").path("buckets")) {
      for (JsonNode type : topic.path("type").path("buckets")) {
        JsonNode example = type.path("example").path("hits").path("hits").path(0).path("_source");
        list.add(new Unmodelled(topic.path("key").asString(), type.path("key").asString(),
            type.path("count").path("value").asLong(), time(type.path("first")), time(type.path("last")),
            text(example, "exampleEventId"), text(example, "exampleTraceId"),
            SuggestedStepYaml.of(example.get("suggestedStep"))));
      }
    }
    list.sort(Comparator.comparing((Unmodelled u) -> u.lastSeen() == null ? null : Instant.parse(u.lastSeen()),
            Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(Comparator.comparingLong(Unmodelled::count).reversed()));
    return list.size() > MAX_UNMODELLED ? List.copyOf(list.subList(0, MAX_UNMODELLED)) : list;
  }

  /** A min or max of a date field as an instant's text; null when no document had it. */
  private static String time(JsonNode aggregation) {
    JsonNode value = aggregation.path("value_as_string");
    return value.isString() ? Instant.parse(value.asString()).toString() : null;
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
