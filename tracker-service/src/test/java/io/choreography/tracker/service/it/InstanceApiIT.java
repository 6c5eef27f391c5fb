package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.IncidentIds;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The process and instance API (SPEC section 5) on instance and incident records produced by hand in the agreed
 * formats and written by the tracker's writer to the real node: 120 instances of order-fulfillment, every tenth
 * COMPLETED, FAILED or STUCK, the rest RUNNING.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InstanceApiIT {

  static final TestScope SCOPE = TestScope.create("instance-api");
  static final String INSTANCES = SCOPE.instancesTopic();
  static final String INCIDENTS = SCOPE.incidentsTopic();
  static final String PROCESS = "order-fulfillment";
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  static final int COUNT = 120;
  static boolean produced;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCOPE.register(registry);
    registry.add("tracker.indexing.group-id", () -> SCOPE.indexPrefix() + "-state");
    registry.add("tracker.indexing.flush-interval", () -> "500ms");
  }

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void topics() throws Exception {
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 3, List.of(INSTANCES, INCIDENTS));
  }

  @BeforeEach
  void produceOnce() throws Exception {
    if (produced) {
      return;
    }
    String bootstrap = SCOPE.infrastructure().kafkaBootstrapServers();
    List<StateRecords.Instance> instances = new ArrayList<>();
    List<StateRecords.Incident> incidents = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      instances.add(instance(i, incidents));
    }
    try (StateRecords records = new StateRecords(bootstrap, INSTANCES, INCIDENTS)) {
      records.commit(instances, incidents, "OPENED", T0);
    }
    try (TestElasticsearch es = new TestElasticsearch(SCOPE.infrastructure().elasticsearchUri())) {
      await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> es.count(SCOPE.indexPrefix() + "-instances") == COUNT
          && es.count(SCOPE.indexPrefix() + "-incidents") == incidents.size());
    }
    produced = true;
  }

  /** Instance i: started i minutes after T0 (five of them at the same time, to exercise the id tie-break). */
  private static StateRecords.Instance instance(int i, List<StateRecords.Incident> incidents) {
    Instant started = i >= 100 && i < 105 ? T0.plusSeconds(100 * 60) : T0.plusSeconds(i * 60L);
    String trace = "trace-" + i;
    StateRecords.Instance instance = new StateRecords.Instance(PROCESS, trace, "RUNNING", started)
        .reached("order-placed", started, "e-" + i + "-0", null);
    switch (i % 10) {
      case 0 -> instance.status("COMPLETED").ended(started.plusSeconds(60))
          .reached("payment-received", started.plusSeconds(1), "e-" + i + "-1", 1_000L + i)
          .reached("goods-fetched", started.plusSeconds(30), "e-" + i + "-2", 29_000L)
          .reached("goods-shipped", started.plusSeconds(60), "e-" + i + "-3", 30_000L);
      case 1 -> {
        instance.status("FAILED").ended(started.plusSeconds(2))
            .reached("payment-failed", started.plusSeconds(2), "e-" + i + "-1", 2_000L);
        incidents.add(new StateRecords.Incident(IncidentIds.of(PROCESS, trace, IncidentType.FAILED,
            "payment-failed"), "FAILED", "OPEN", PROCESS, trace, "payment-failed", started.plusSeconds(2), null, null,
            "payment failed", 1));
      }
      case 2 -> {
        String stuck = IncidentIds.of(PROCESS, trace, IncidentType.STUCK, "goods-fetched");
        instance.status("STUCK")
            .reached("payment-received", started.plusSeconds(1), "e-" + i + "-1", 1_000L + i)
            .waiting("goods-fetched", started.plusSeconds(1), started.plusSeconds(3601))
            .waiting("invoice-sent", started.plusSeconds(1), null)
            .openIncident(stuck);
        incidents.add(new StateRecords.Incident(stuck, "STUCK", "OPEN", PROCESS, trace, "goods-fetched",
            started.plusSeconds(3601), null, null, "waiting 1h for goods-fetched", 1));
      }
      default -> instance.waiting("payment-received", started, started.plusSeconds(300));
    }
    return instance;
  }

  @Test
  void shouldListEveryProcessWithItsCounts() throws Exception {
    // given
    String path = "/api/processes";

    // when
    JsonNode answer = get(path, 200);

    // then
    JsonNode process = find(answer, PROCESS);
    assertThat(process.path("name").asString()).isNotBlank();
    assertThat(process.path("counts").toString())
        .isEqualTo("{\"running\":84,\"stuck\":12,\"completed\":12,\"failed\":12}");
  }

  @Test
  void shouldDescribeAProcessWithFiguresPerStep() throws Exception {
    // given
    String path = "/api/processes/" + PROCESS;

    // when
    JsonNode answer = get(path, 200);

    // then
    assertThat(answer.path("counts").path("running").asLong()).isEqualTo(84);
    assertThat(answer.path("reorderWindow").asString()).isNotBlank();
    JsonNode payment = step(answer, "payment-received");
    assertThat(payment.path("reached").asLong()).isEqualTo(24);
    assertThat(payment.path("waiting").asLong()).isEqualTo(84);
    assertThat(payment.path("within").asString()).isEqualTo("PT5M");
    assertThat(payment.path("choice").asString()).isEqualTo("payment");
    JsonNode p = payment.path("durationMs");
    assertThat(p.path("p50").isNumber()).isTrue();
    assertThat(p.path("p50").asDouble()).isBetween(1_000.0, 1_120.0);
    assertThat(p.path("p95").asDouble()).isGreaterThanOrEqualTo(p.path("p50").asDouble());
    assertThat(p.path("p99").asDouble()).isGreaterThanOrEqualTo(p.path("p95").asDouble());
    JsonNode fetched = step(answer, "goods-fetched");
    assertThat(fetched.path("stuck").asLong()).isEqualTo(12);
    assertThat(fetched.path("waiting").asLong()).isEqualTo(12);
    assertThat(fetched.path("durationMs").path("p99").asDouble()).isEqualTo(29_000.0);
    assertThat(step(answer, "goods-shipped").path("end").asString()).isEqualTo("completed");
  }

  @Test
  void shouldCountTheEndedInstancesOfTheRangeInTheConformance() throws Exception {
    // given: records of the previous format, without deviations
    String path = "/api/processes/" + PROCESS + "?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z";

    // when
    JsonNode conformance = get(path, 200).path("conformance");

    // then: 12 completed and 12 failed, none with a recorded deviation
    assertThat(conformance.path("ended").asLong()).isEqualTo(24);
    assertThat(conformance.path("withoutIncident").asLong()).isEqualTo(24);
    assertThat(conformance.path("rate").asDouble()).isEqualTo(1.0);
    assertThat(get("/api/processes/" + PROCESS, 200).path("conformance").path("ended").asLong()).isZero();
  }

  @Test
  void shouldPageThroughEveryInstanceNewestFirstWithACursor() throws Exception {
    // given
    String first = "/api/instances?process=" + PROCESS + "&size=50";

    // when
    JsonNode page1 = get(first, 200);
    JsonNode page2 = get(first + "&cursor=" + page1.path("next").asString(), 200);
    JsonNode page3 = get(first + "&cursor=" + page2.path("next").asString(), 200);

    // then
    assertThat(page1.path("items").size()).isEqualTo(50);
    assertThat(page2.path("items").size()).isEqualTo(50);
    assertThat(page3.path("items").size()).isEqualTo(20);
    assertThat(page3.path("next").isNull()).isTrue();
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode page : List.of(page1, page2, page3)) {
      page.path("items").forEach(all::add);
    }
    Set<String> traces = new HashSet<>();
    for (int k = 0; k < all.size(); k++) {
      traces.add(all.get(k).path("traceId").asString());
      if (k > 0) {
        assertThat(Instant.parse(all.get(k).path("startedAt").asString()))
            .isBeforeOrEqualTo(Instant.parse(all.get(k - 1).path("startedAt").asString()));
      }
    }
    assertThat(traces).hasSize(COUNT);
    assertThat(all.get(0).path("traceId").asString()).isEqualTo("trace-119");
  }

  @Test
  void shouldFilterByStatusAndByTheStepInstancesWaitAt() throws Exception {
    // given
    String stuck = "/api/instances?status=stuck&size=500";
    String waitingForGoods = "/api/instances?process=" + PROCESS + "&step=goods-fetched";

    // when
    JsonNode stuckAnswer = get(stuck, 200);
    JsonNode waitingAnswer = get(waitingForGoods, 200);

    // then
    assertThat(stuckAnswer.path("items").size()).isEqualTo(12);
    stuckAnswer.path("items").forEach(i -> assertThat(i.path("status").asString()).isEqualTo("STUCK"));
    assertThat(waitingAnswer.path("items").size()).isEqualTo(12);
    assertThat(waitingAnswer.path("next").isNull()).isTrue();
  }

  @Test
  void shouldShowOneInstanceWithItsIncidents() throws Exception {
    // given
    String path = "/api/instances/" + PROCESS + "/trace-12";

    // when
    JsonNode answer = get(path, 200);

    // then
    assertThat(answer.path("status").asString()).isEqualTo("STUCK");
    assertThat(answer.path("startedAt").asString()).isEqualTo(T0.plusSeconds(12 * 60).toString());
    assertThat(answer.path("endedAt").isNull()).isTrue();
    assertThat(answer.path("steps").path("payment-received").path("eventId").asString()).isEqualTo("e-12-1");
    assertThat(answer.path("waitingFor").get(0).path("step").asString()).isEqualTo("goods-fetched");
    assertThat(answer.path("waitingFor").get(1).path("due").isNull()).isTrue();
    assertThat(answer.path("incidents").size()).isEqualTo(1);
    assertThat(answer.path("incidents").get(0).path("type").asString()).isEqualTo("STUCK");
  }

  @Test
  void shouldShowInstancesAndIncidentsOfATraceWithoutEvents() throws Exception {
    // given
    String path = "/api/traces/trace-11";

    // when
    JsonNode answer = get(path, 200);

    // then
    assertThat(answer.path("events").size()).isZero();
    assertThat(answer.path("instances").size()).isEqualTo(1);
    assertThat(answer.path("instances").get(0).path("status").asString()).isEqualTo("FAILED");
    assertThat(answer.path("incidents").get(0).path("type").asString()).isEqualTo("FAILED");
  }

  @Test
  void shouldAnswer400ForBadParameters() throws Exception {
    // given
    List<String> bad = List.of("/api/instances?status=BOGUS", "/api/instances?size=0", "/api/instances?size=501",
        "/api/instances?size=many", "/api/instances?cursor=not-a-cursor",
        "/api/instances?cursor=" + enc("[\"x\",1]"));

    // when / then
    for (String path : bad) {
      JsonNode error = get(path, 400);
      assertThat(error.path("status").asInt()).as(path).isEqualTo(400);
      assertThat(error.path("error").asString()).as(path).isEqualTo("Bad Request");
      assertThat(error.path("message").asString()).as(path).isNotBlank();
    }
  }

  @Test
  void shouldAnswer404ForUnknownIds() throws Exception {
    // given
    List<String> unknown = List.of("/api/processes/no-such-process", "/api/instances/" + PROCESS + "/no-such-trace",
        "/api/traces/no-such-trace");

    // when / then
    for (String path : unknown) {
      JsonNode error = get(path, 404);
      assertThat(error.path("status").asInt()).as(path).isEqualTo(404);
      assertThat(error.path("message").asString()).as(path).isNotBlank();
    }
  }

  @Test
  void shouldTreatFilterValuesAsPlainTerms() throws Exception {
    // given
    String injection = "/api/instances?process=" + URLEncoder.encode("order-fulfillment OR *", StandardCharsets.UTF_8);

    // when
    JsonNode answer = get(injection, 200);

    // then
    assertThat(answer.path("items").size()).isZero();
  }

  private static String enc(String s) {
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private JsonNode get(String path, int expectedStatus) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(expectedStatus);
    return json.readTree(r.body());
  }

  private static JsonNode find(JsonNode array, String id) {
    for (JsonNode n : array) {
      if (n.path("id").asString().equals(id)) {
        return n;
      }
    }
    throw new AssertionError(id + " not in " + array);
  }

  private static JsonNode step(JsonNode process, String id) {
    return find(process.path("steps"), id);
  }
}
