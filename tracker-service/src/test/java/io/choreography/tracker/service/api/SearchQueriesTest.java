package io.choreography.tracker.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.choreography.tracker.service.elasticsearch.IndexNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How {@link SearchQueries} turns the hits of its searches into items, on canned answers. */
class SearchQueriesTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** Answers the multi-search with the given instance and event hits, and the instances search with its own. */
  static final class Canned extends Searches {

    final List<Map<String, Object>> matchingInstances;
    final List<Map<String, Object>> matchingEvents;
    final List<Map<String, Object>> instancesOfTraces;
    final List<Map<String, Object>> searched = new ArrayList<>();

    Canned(List<Map<String, Object>> matchingInstances, List<Map<String, Object>> matchingEvents,
        List<Map<String, Object>> instancesOfTraces) {
      super(null, JSON);
      this.matchingInstances = matchingInstances;
      this.matchingEvents = matchingEvents;
      this.instancesOfTraces = instancesOfTraces;
    }

    @Override
    public List<JsonNode> searchAll(List<Search> searches) {
      return List.of(hits(matchingInstances), hits(matchingEvents));
    }

    @Override
    public JsonNode search(String index, Map<String, Object> body) {
      searched.add(body);
      return hits(instancesOfTraces);
    }

    private static JsonNode hits(List<Map<String, Object>> sources) {
      return JSON.valueToTree(Map.of("hits", Map.of("hits", sources.stream().map(s -> Map.of("_source", s)).toList())));
    }
  }

  @Test
  void shouldKeepEachTracesBestMatchForAllItsInstances() {
    // given: t1's instance holds the value as a payment id, one of its events as record key; t2 only as event id
    Canned es = new Canned(
        List.of(Map.of("traceId", "t1", "process", "p", "status", "RUNNING",
            "keys", Map.of("paymentId", List.of("v"))), Map.of("traceId", "t1", "process", "q", "status", "RUNNING")),
        List.of(Map.of("traceId", "t1", "key", "v"), Map.of("traceId", "t2", "eventId", "v")),
        List.of(instance("t1", "q", "COMPLETED"), instance("t1", "p", "RUNNING"), instance("t2", "p", "FAILED")));

    // when
    SearchQueries.Result result = new SearchQueries(es, new IndexNames("t")).search("v");

    // then
    assertThat(result.items()).containsExactly(new SearchQueries.Item("t1", "p", "RUNNING", "key:paymentId"),
        new SearchQueries.Item("t1", "q", "COMPLETED", "key:paymentId"),
        new SearchQueries.Item("t2", "p", "FAILED", "eventId"));
    assertThat(result.truncated()).isFalse();
  }

  @Test
  void shouldRankTheFieldsOfOneEventInTheContractsOrder() {
    // given: one event per trace, holding the value in several fields
    Canned es = new Canned(List.of(), List.of(
        Map.of("traceId", "a", "key", "v", "eventId", "v"),
        Map.of("traceId", "b", "keys", Map.of("parcelId", "v"), "key", "v"),
        Map.of("traceId", "c", "eventId", "v"),
        Map.of("traceId", "d", "keys", Map.of("other", "w"))), List.of());

    // when
    SearchQueries.Result result = new SearchQueries(es, new IndexNames("t")).search("v");

    // then: best match first; d matched through keyValues its keys do not name
    assertThat(result.items()).extracting(i -> i.traceId() + " " + i.matchedOn())
        .containsExactly("b key:parcelId", "d key", "a recordKey", "c eventId");
    assertThat(result.items()).allMatch(i -> i.process() == null && i.status() == null);
  }

  @Test
  void shouldNotSearchAgainWhenOnlyTheTraceTheValueNamesWasFound() {
    // given
    Canned es = new Canned(List.of(Map.of("traceId", "v", "process", "p", "status", "STUCK")),
        List.of(Map.of("traceId", "v", "key", "v")), List.of());

    // when
    SearchQueries.Result result = new SearchQueries(es, new IndexNames("t")).search("v");

    // then
    assertThat(result.items()).containsExactly(new SearchQueries.Item("v", "p", "STUCK", "traceId"));
    assertThat(es.searched).isEmpty();
  }

  @Test
  void shouldAnswerFiftyItemsAndSayWhenMoreMatched() {
    // given
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      events.add(Map.of("traceId", String.format("t%02d", i), "key", "v"));
    }
    Canned es = new Canned(List.of(), events, List.of());

    // when
    SearchQueries.Result result = new SearchQueries(es, new IndexNames("t")).search("v");

    // then
    assertThat(result.items()).hasSize(50);
    assertThat(result.items().get(0).traceId()).isEqualTo("t00");
    assertThat(result.truncated()).isTrue();
  }

  @Test
  void shouldAnswerNothingAndSkipEventsWithoutTraceId() {
    Canned es = new Canned(List.of(), List.of(Map.of("key", "v")), List.of());
    SearchQueries.Result result = new SearchQueries(es, new IndexNames("t")).search("v");
    assertThat(result.items()).isEmpty();
    assertThat(es.searched).isEmpty();
  }

  @Test
  void shouldRefuseAMissingBlankOverlongOrControlValue() {
    for (String q : new String[] {null, "", "  ", "x".repeat(1025), "a\nb"}) {
      assertThatThrownBy(() -> SearchController.validated(q)).isInstanceOf(ApiException.class)
          .hasMessageStartingWith("q ");
    }
    assertThat(SearchController.validated(" x ")).isEqualTo(" x ");
    assertThat(SearchController.validated("x".repeat(1024))).hasSize(1024);
  }

  private static Map<String, Object> instance(String traceId, String process, String status) {
    return Map.of("traceId", traceId, "process", process, "status", status);
  }
}
