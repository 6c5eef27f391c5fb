package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.model.instances.InstanceDocument.Deviations;
import io.choreography.tracker.rules.definition.DefinitionLoader;
import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.service.api.analytics.Drift;
import io.choreography.tracker.service.api.Searches;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conformance and drift (docs/process-intelligence.md) on instance, event and drift documents indexed straight into
 * the real node in the formats the tracker and the pipeline write, read through the API and the Prometheus gauge.
 *
 * <p>Ten instances of order-fulfillment ended between two hours and one hour ago: six without incident, one stuck
 * at payment-received, one failed at payment-failed, one out of order and unexpected at goods-fetched, one past
 * its deadline. One ended 30 h ago, two still run (updated ten minutes ago, having reached order-placed and
 * payment-received).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProcessIntelligenceIT {

  static final TestScope SCOPE = TestScope.create("intelligence");
  static final String PROCESS = "order-fulfillment";
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final Instant ENDED_FROM = NOW.minus(2, ChronoUnit.HOURS);
  static final Instant ENDED_TO = NOW.minus(1, ChronoUnit.HOURS);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCOPE.register(registry);
    registry.add("tracker.analytics.conformance-refresh", () -> "500ms");
  }

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void index() throws Exception {
    try (DirectIndexing es = new DirectIndexing(SCOPE.infrastructure().elasticsearchUri(), SCOPE.indexPrefix())) {
      List<Deviations> fates = List.of(Deviations.NONE, Deviations.NONE, Deviations.NONE, Deviations.NONE,
          Deviations.NONE, Deviations.NONE,
          new Deviations(List.of("payment-received"), List.of(), List.of(), null, false),
          new Deviations(List.of(), List.of(), List.of(), "payment-failed", false),
          new Deviations(List.of(), List.of("goods-fetched"), List.of("goods-fetched"), null, false),
          new Deviations(List.of(), List.of(), List.of(), null, true));
      for (int i = 0; i < fates.size(); i++) {
        Instant ended = ENDED_FROM.plus(i * 5L, ChronoUnit.MINUTES);
        InstanceStatus status = fates.get(i).failed() != null ? InstanceStatus.FAILED : InstanceStatus.COMPLETED;
        es.instance(PROCESS, "ended-" + i, status, ended.minusSeconds(600), ended, ended,
            Map.of("order-placed", ended.minusSeconds(600)), fates.get(i));
      }
      Instant old = NOW.minus(30, ChronoUnit.HOURS);
      es.instance(PROCESS, "ended-long-ago", InstanceStatus.COMPLETED, old.minusSeconds(60), old, old, Map.of(),
          new Deviations(List.of("goods-fetched"), List.of(), List.of(), null, false));
      for (int i = 0; i < 2; i++) {
        Instant updated = NOW.minus(10, ChronoUnit.MINUTES);
        Map<String, Instant> reached = new LinkedHashMap<>();
        reached.put("order-placed", updated.minusSeconds(60));
        reached.put("payment-received", updated);
        es.instance(PROCESS, "running-" + i, InstanceStatus.RUNNING, updated.minusSeconds(60), null, updated, reached,
            Deviations.NONE);
      }
      // events that reached goods-fetched twice and goods-shipped once, 90 minutes ago at the latest
      es.event("e1", PROCESS, "goods-fetched", "ended-1", "inventory", "GoodsFetched", NOW.minusSeconds(6000), Map.of())
          .event("e2", PROCESS, "goods-fetched", "ended-2", "inventory", "GoodsFetched", NOW.minusSeconds(5400),
              Map.of())
          .event("e3", PROCESS, "goods-shipped", "ended-2", "shipping", "GoodsShipped", NOW.minusSeconds(5500),
              Map.of());
      Map<String, Object> suggestion = new LinkedHashMap<>();
      suggestion.put("id", "payment-refunded");
      suggestion.put("on", Map.of("topic", SCOPE.topic("payments"), "type", "PaymentRefunded"));
      suggestion.put("after", List.of("payment-received"));
      es.drift(PROCESS, SCOPE.topic("payments"), "PaymentRefunded", 7, NOW.minusSeconds(7200), NOW.minusSeconds(60),
              "ev-refund-1", "running-0", suggestion)
          .drift(PROCESS, SCOPE.topic("orders"), "OrderNoteAdded", 2, NOW.minusSeconds(9000), NOW.minusSeconds(3000),
              "ev-note-1", "ended-3", null)
          .drift("returns", SCOPE.topic("returns"), "ReturnOpened", 3, NOW.minusSeconds(9000), NOW.minusSeconds(30),
              "ev-return-1", "r-1", null)
          .write();
    }
  }

  @Test
  void shouldComputeTheConformanceOfTheInstancesEndedInTheRange() throws Exception {
    // when
    JsonNode c = get("/api/processes/" + PROCESS + "?from=" + ENDED_FROM + "&to=" + ENDED_TO, 200)
        .path("conformance");

    // then
    assertThat(c.path("from").asString()).isEqualTo(ENDED_FROM.toString());
    assertThat(c.path("ended").asLong()).isEqualTo(10);
    assertThat(c.path("withoutIncident").asLong()).isEqualTo(6);
    assertThat(c.path("rate").asDouble()).isEqualTo(0.6);
    assertThat(c.path("deadline").asLong()).isEqualTo(1);
    JsonNode d = c.path("deviations");
    assertThat(d.propertyNames()).containsExactly("payment-received", "payment-failed", "goods-fetched");
    assertThat(d.path("payment-received").toString())
        .isEqualTo("{\"stuck\":1,\"outOfOrder\":0,\"unexpected\":0,\"failed\":0}");
    assertThat(d.path("payment-failed").path("failed").asLong()).isEqualTo(1);
    assertThat(d.path("goods-fetched").toString())
        .isEqualTo("{\"stuck\":0,\"outOfOrder\":1,\"unexpected\":1,\"failed\":0}");
  }

  @Test
  void shouldKeepTheStepFiguresAndDefaultToTheLast24Hours() throws Exception {
    // when
    JsonNode answer = get("/api/processes/" + PROCESS, 200);

    // then: the instance ended 30 h ago is not counted
    assertThat(answer.path("steps").size()).isEqualTo(6);
    assertThat(answer.path("counts").path("completed").asLong()).isEqualTo(10);
    JsonNode c = answer.path("conformance");
    assertThat(c.path("ended").asLong()).isEqualTo(10);
    assertThat(Duration.between(Instant.parse(c.path("from").asString()), Instant.parse(c.path("to").asString())))
        .isEqualTo(Duration.ofHours(24));
  }

  @Test
  void shouldAnswerANullRateWhenNoInstanceEnded() throws Exception {
    // when
    JsonNode c = get("/api/processes/" + PROCESS + "?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00%2B02:00", 200)
        .path("conformance");

    // then
    assertThat(c.path("ended").asLong()).isZero();
    assertThat(c.path("rate").isNull()).isTrue();
    assertThat(c.path("to").asString()).isEqualTo("2020-01-01T22:00:00Z");
    assertThat(c.path("deviations").isEmpty()).isTrue();
  }

  @Test
  void shouldAnswer400ForABadRange() throws Exception {
    for (String query : List.of("from=yesterday", "to=2026-13-01T00:00:00Z", "from=2026-11-20T10:00:00",
        "from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z", "from=2026-11-20T00:00:00Z&to=2026-11-20T00:00:00Z")) {
      JsonNode error = get("/api/processes/" + PROCESS + "?" + query, 400);
      assertThat(error.path("message").asString()).as(query).containsAnyOf("from", "to");
    }
  }

  @Test
  void shouldExportTheConformanceRatioOfTheLast24HoursAsAGauge() throws Exception {
    // when / then: 6 of 10 (the instance ended 30 h ago is outside the window)
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(prometheus())
        .contains("tracker_conformance_ratio{process=\"order-fulfillment\"} 0.6")
        .contains("tracker_conformance_ended{process=\"order-fulfillment\"} 10.0"));
  }

  @Test
  void shouldListTheUnmodelledEventTypesOfTheProcessMostRecentFirst() throws Exception {
    // when
    JsonNode unmodelled = get("/api/processes/" + PROCESS + "/drift", 200).path("unmodelled");

    // then
    assertThat(unmodelled.size()).isEqualTo(2);
    JsonNode refund = unmodelled.get(0);
    assertThat(refund.path("topic").asString()).isEqualTo(SCOPE.topic("payments"));
    assertThat(refund.path("type").asString()).isEqualTo("PaymentRefunded");
    assertThat(refund.path("count").asLong()).isEqualTo(7);
    assertThat(Instant.parse(refund.path("firstSeen").asString())).isEqualTo(NOW.minusSeconds(7200));
    assertThat(Instant.parse(refund.path("lastSeen").asString())).isEqualTo(NOW.minusSeconds(60));
    assertThat(refund.path("example").toString()).isEqualTo("{\"eventId\":\"ev-refund-1\",\"traceId\":\"running-0\"}");
    assertThat(unmodelled.get(1).path("type").asString()).isEqualTo("OrderNoteAdded");
    assertThat(unmodelled.get(1).path("suggestedStep").isNull()).isTrue();
  }

  @Test
  void shouldSuggestAStepThatLoadsWhenPastedIntoTheDefinition() throws Exception {
    // given
    String yaml = get("/api/processes/" + PROCESS + "/drift", 200).path("unmodelled").get(0)
        .path("suggestedStep").asString();

    // when: pasted at the end of the steps of the definition
    String definition = "id: " + PROCESS + "\ncorrelation:\n  - json: /orderId\nsteps:\n"
        + "  - id: order-placed\n    on: { topic: orders, type: OrderPlaced }\n"
        + "  - id: payment-received\n    on: { topic: payments, type: PaymentReceived }\n    after: [order-placed]\n"
        + "    end: completed\n"
        + yaml.indent(2);
    ProcessDefinition loaded = DefinitionLoader.parse("suggested.yaml", definition);

    // then
    assertThat(new Load(LoadSettings.builder().build()).loadFromString(yaml)).isEqualTo(List.of(Map.of(
        "id", "payment-refunded",
        "on", Map.of("topic", SCOPE.topic("payments"), "type", "PaymentRefunded"),
        "after", List.of("payment-received"))));
    assertThat(loaded.steps()).extracting(s -> s.id()).contains("payment-refunded");
    assertThat(loaded.step("payment-refunded").type()).isEqualTo("PaymentRefunded");
  }

  @Test
  void shouldListTheStepsNoInstanceReachedInThePeriodWithTheirLastTime() throws Exception {
    // when
    JsonNode drift = get("/api/processes/" + PROCESS + "/drift", 200);

    // then: the two running instances were updated in the last hour and reached only the first two steps
    assertThat(drift.path("period").asString()).isEqualTo("PT1H");
    assertThat(drift.path("instancesUpdated").asLong()).isEqualTo(2);
    JsonNode unreached = drift.path("unreached");
    assertThat(unreached.findValuesAsString("step"))
        .containsExactly("payment-failed", "goods-fetched", "status-updated", "goods-shipped");
    assertThat(unreached.get(1).path("lastReachedAt").asString()).isEqualTo(NOW.minusSeconds(5400).toString());
    assertThat(unreached.get(3).path("lastReachedAt").asString()).isEqualTo(NOW.minusSeconds(5500).toString());
    assertThat(unreached.get(0).path("lastReachedAt").isNull()).isTrue();
  }

  @Test
  void shouldAnswerNoDriftWhenTheIndicesDoNotExist() throws Exception {
    // given: a prefix no index has
    try (RestClient client = RestClient.builder(HttpHost.create(SCOPE.infrastructure().elasticsearchUri())).build()) {
      Drift drift = new Drift(new Searches(client, json), new IndexNames(SCOPE.indexPrefix() + "-none"));

      // when
      Drift.Report report = drift.of(DefinitionLoader.loadBundledExamples().get(PROCESS), NOW, Duration.ofHours(1));

      // then
      assertThat(report.unmodelled()).isEmpty();
      assertThat(report.unreached()).isEmpty();
      assertThat(report.instancesUpdated()).isZero();
    }
  }

  @Test
  void shouldAnswer404ForTheDriftOfAnUnknownProcess() throws Exception {
    assertThat(get("/api/processes/no-such-process/drift", 404).path("message").asString()).contains("no-such-process");
  }

  private String prometheus() throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private JsonNode get(String path, int expectedStatus) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(expectedStatus);
    return json.readTree(r.body());
  }
}
