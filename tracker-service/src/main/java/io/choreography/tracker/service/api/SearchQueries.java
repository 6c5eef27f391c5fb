package io.choreography.tracker.service.api;

import io.choreography.tracker.service.elasticsearch.IndexNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Finds the traces a value names exactly: as trace id, business key value, Kafka record key or event id (SPEC section
 * 5, {@code GET /api/search}). Two requests at most, of term queries on keyword fields, the value only ever a term:
 * one multi-search of the instances whose trace id or key values hold it and of the events whose trace id, key values,
 * record key or event id do, one hit per trace ({@code collapse} on the trace id); then, unless only the trace q names
 * was found (its instances all matched already), every instance of the traces found.
 */
@Component
public class SearchQueries {

  /** Most items of one answer; more matched when the answer says {@code truncated}. */
  public static final int MAX_ITEMS = 50;
  /** Most instances read for the traces found (a trace is in one process or a few). */
  private static final int MAX_INSTANCES = 4 * (MAX_ITEMS + 1);

  /**
   * How an item was found, in the order the contract ranks them; the event search scores each clause by its rank
   * (8, 4, 2, 1: every rank outweighs all below it together), so the hit it keeps per trace is its best match.
   */
  enum Match {
    TRACE_ID("traceId", 8), KEY("key", 4), RECORD_KEY("recordKey", 2), EVENT_ID("eventId", 1);

    final String name;
    final int boost;

    Match(String name, int boost) {
      this.name = name;
      this.boost = boost;
    }
  }

  /** One item: an instance of a trace found (process and status null for a trace without instance). */
  public record Item(String traceId, String process, String status, String matchedOn) {}

  /** The items, in order, and whether more matched than they hold. */
  public record Result(List<Item> items, boolean truncated) {}

  /** The best match found for a trace so far. */
  private record Found(Match match, String matchedOn) {}

  private final Searches searches;
  private final IndexNames names;

  public SearchQueries(Searches searches, IndexNames names) {
    this.searches = searches;
    this.names = names;
  }

  /** The instances and traces {@code q} names, best match first, then by trace id and process. */
  public Result search(String q) {
    Map<String, Found> traces = new LinkedHashMap<>();
    List<JsonNode> answers = searches.searchAll(List.of(
        new Searches.Search(names.instancesIndex(), instancesSearch(q)),
        new Searches.Search(names.eventsPattern(), eventsSearch(q))));
    JsonNode matchingInstances = answers.get(0).path("hits").path("hits");
    boolean truncated = collect(matchingInstances, traces, s -> instanceMatch(s, q));
    truncated |= collect(answers.get(1).path("hits").path("hits"), traces, s -> eventMatch(s, q));
    if (traces.isEmpty()) {
      return new Result(List.of(), false);
    }

    // the instances of the traces found; those of the trace q names are all among the instances that matched
    List<JsonNode> instances = new ArrayList<>();
    matchingInstances.forEach(instances::add);
    Set<String> others = new LinkedHashSet<>(traces.keySet());
    others.remove(q);
    if (!others.isEmpty()) {
      instances.clear();
      JsonNode ofTraces = searches.search(names.instancesIndex(), instancesOfTraces(traces.keySet()))
          .path("hits").path("hits");
      truncated |= ofTraces.size() >= MAX_INSTANCES;
      ofTraces.forEach(instances::add);
    }
    List<Item> items = new ArrayList<>();
    Set<String> withInstance = new LinkedHashSet<>();
    for (JsonNode hit : instances) {
      JsonNode source = hit.path("_source");
      String traceId = text(source, "traceId");
      Found found = traces.get(traceId);
      if (found != null) {
        withInstance.add(traceId);
        items.add(new Item(traceId, text(source, "process"), text(source, "status"), found.matchedOn()));
      }
    }
    traces.forEach((traceId, found) -> {
      if (!withInstance.contains(traceId)) {
        items.add(new Item(traceId, null, null, found.matchedOn()));
      }
    });
    items.sort(Comparator.<Item>comparingInt(i -> traces.get(i.traceId()).match().ordinal())
        .thenComparing(Item::traceId)
        .thenComparing(Item::process, Comparator.nullsFirst(Comparator.naturalOrder())));
    if (items.size() > MAX_ITEMS) {
      return new Result(List.copyOf(items.subList(0, MAX_ITEMS)), true);
    }
    return new Result(items, truncated);
  }

  /** Notes how each hit's trace matched; true when the search had more hits than an answer holds. */
  private static boolean collect(JsonNode hits, Map<String, Found> traces, Function<JsonNode, Found> match) {
    for (JsonNode hit : hits) {
      JsonNode source = hit.path("_source");
      String traceId = text(source, "traceId");
      if (traceId != null) {
        note(traces, traceId, match.apply(source));
      }
    }
    return hits.size() > MAX_ITEMS;
  }

  /** The search body for instances whose trace id or key values hold {@code q}. */
  static Map<String, Object> instancesSearch(String q) {
    return Map.of(
        "size", MAX_ITEMS + 1,
        "track_total_hits", false,
        "_source", List.of("traceId", "process", "status", "keys"),
        "query", Map.of("bool", Map.of("minimum_should_match", 1, "should", List.of(
            term("traceId", q), term("keyValues", q)))));
  }

  /**
   * The search body for events whose trace id, key values, record key or event id hold {@code q}: the best-matching
   * event of each trace.
   */
  static Map<String, Object> eventsSearch(String q) {
    return Map.of(
        "size", MAX_ITEMS + 1,
        "track_total_hits", false,
        "_source", List.of("traceId", "keys", "key", "eventId"),
        "collapse", Map.of("field", "traceId"),
        "query", Map.of("bool", Map.of(
            "filter", List.of(Map.of("exists", Map.of("field", "traceId"))),
            "minimum_should_match", 1,
            "should", List.of(
                scored("traceId", q, Match.TRACE_ID), scored("keyValues", q, Match.KEY),
                scored("key", q, Match.RECORD_KEY), scored("eventId", q, Match.EVENT_ID)))));
  }

  /** The search body for every instance of the given traces. */
  static Map<String, Object> instancesOfTraces(Set<String> traceIds) {
    return Map.of(
        "size", MAX_INSTANCES,
        "track_total_hits", false,
        "_source", List.of("traceId", "process", "status"),
        "query", Map.of("terms", Map.of("traceId", List.copyOf(traceIds))));
  }

  private static Map<String, Object> term(String field, String value) {
    return Map.of("term", Map.of(field, value));
  }

  private static Map<String, Object> scored(String field, String value, Match match) {
    return Map.of("constant_score", Map.of("filter", term(field, value), "boost", match.boost));
  }

  /** Keeps the better of two matches of one trace: the higher rank, else the one that names its key. */
  private static void note(Map<String, Found> traces, String traceId, Found found) {
    traces.merge(traceId, found, (a, b) -> b.match().ordinal() < a.match().ordinal()
        || b.match() == a.match() && b.matchedOn().length() > a.matchedOn().length() ? b : a);
  }

  /** How an instance hit matched: its trace id, else one of its keys. */
  private static Found instanceMatch(JsonNode instance, String q) {
    if (q.equals(text(instance, "traceId"))) {
      return found(Match.TRACE_ID);
    }
    Found key = keyMatch(instance.path("keys"), q);
    // matched through its key values, but its keys do not name the value (a document written without them)
    return key != null ? key : found(Match.KEY);
  }

  /** How an event hit matched: its fields checked in the contract's order. */
  private static Found eventMatch(JsonNode event, String q) {
    if (q.equals(text(event, "traceId"))) {
      return found(Match.TRACE_ID);
    }
    Found key = keyMatch(event.path("keys"), q);
    if (key != null) {
      return key;
    }
    if (q.equals(text(event, "key"))) {
      return found(Match.RECORD_KEY);
    }
    if (q.equals(text(event, "eventId"))) {
      return found(Match.EVENT_ID);
    }
    // the search matched its key values, but its keys do not name the value (a document written without them)
    return found(Match.KEY);
  }

  private static Found found(Match match) {
    return new Found(match, match.name);
  }

  /** {@code key:<name>} of the first key whose value (events: a string) or values (instances: an array) hold q. */
  private static Found keyMatch(JsonNode keys, String q) {
    if (keys.isObject()) {
      for (Map.Entry<String, JsonNode> key : keys.properties()) {
        JsonNode value = key.getValue();
        if (value.isArray() ? contains(value, q) : q.equals(text(value))) {
          return new Found(Match.KEY, Match.KEY.name + ":" + key.getKey());
        }
      }
    }
    return null;
  }

  private static boolean contains(JsonNode array, String q) {
    for (JsonNode v : array) {
      if (q.equals(text(v))) {
        return true;
      }
    }
    return false;
  }

  private static String text(JsonNode source, String field) {
    return text(source.path(field));
  }

  private static String text(JsonNode value) {
    return value.isValueNode() && !value.isNull() ? value.asString() : null;
  }
}
