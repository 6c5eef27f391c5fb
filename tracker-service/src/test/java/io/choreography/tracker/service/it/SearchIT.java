package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.model.instances.InstanceDocument.Deviations;
import io.choreography.tracker.service.api.SearchQueries;
import io.choreography.tracker.service.api.Searches;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/search?q=} (SPEC section 5) on event and instance documents written straight to the real node with
 * the key values of issue 17: a trace found by its trace id, a business key value, a record key and an event id, with
 * the right {@code matchedOn}; a value several traces share; a trace in two processes and one without instance; more
 * than 50 matches; no match; bad values; indices that do not exist.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SearchIT {

  static final TestScope SCOPE = TestScope.create("search");
  static final String PROCESS = "order-fulfillment";
  static final String BILLING = "billing";
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCOPE.register(registry);
  }

  @LocalServerPort int port;
  @Autowired Searches searches;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void index() throws Exception {
    try (DirectIndexing es = new DirectIndexing(SCOPE.infrastructure().elasticsearchUri(), SCOPE.indexPrefix())) {
      // order-1: placed, paid (carries its payment id), shipped (carries its parcel id); the instance holds both
      es.instance(PROCESS, "order-1", InstanceStatus.COMPLETED, NOW.minusSeconds(300), NOW.minusSeconds(60),
          NOW.minusSeconds(60), Map.of("order-placed", NOW.minusSeconds(300)), Deviations.NONE)
          .with(Map.of("keys", Map.of("paymentId", List.of("pay-1"), "parcelId", List.of("parcel-1")),
              "keyValues", List.of("pay-1", "parcel-1")));
      es.event("orders-0-1", PROCESS, "order-placed", "order-1", SCOPE.topic("orders"), "OrderPlaced",
          NOW.minusSeconds(300), Map.of("orderId", "order-1")).with(Map.of("key", "order-1"));
      es.event("payments-0-1", PROCESS, "payment-received", "order-1", SCOPE.topic("payments"), "PaymentReceived",
          NOW.minusSeconds(200), Map.of("paymentId", "pay-1"))
          .with(Map.of("key", "psp-record-1", "keys", Map.of("paymentId", "pay-1"), "keyValues", List.of("pay-1")));
      es.event("shipping-0-1", PROCESS, "goods-shipped", "order-1", SCOPE.topic("shipping"), "GoodsShipped",
          NOW.minusSeconds(60), Map.of("parcel", Map.of("id", "parcel-1")))
          .with(Map.of("key", "parcel-1", "keys", Map.of("parcelId", "parcel-1"), "keyValues", List.of("parcel-1"),
              "causationId", "ev-payments-0-1"));
      // order-2 in two processes; order-3 has events but no instance; both carry the customer's id
      for (String process : List.of(PROCESS, BILLING)) {
        es.instance(process, "order-2", InstanceStatus.RUNNING, NOW.minusSeconds(100), null, NOW.minusSeconds(100),
            Map.of("order-placed", NOW.minusSeconds(100)), Deviations.NONE);
      }
      for (String trace : List.of("order-2", "order-3")) {
        es.event("orders-1-" + trace, PROCESS, "order-placed", trace, SCOPE.topic("orders"), "OrderPlaced",
            NOW.minusSeconds(100), Map.of())
            .with(Map.of("key", trace, "keys", Map.of("customerId", "cust-7"), "keyValues", List.of("cust-7")));
      }
      // an uncorrelated event carrying the customer's id: no trace to show
      es.event("orders-2-0", PROCESS, "order-placed", null, SCOPE.topic("orders"), "OrderPlaced",
          NOW.minusSeconds(100), Map.of())
          .with(Map.of("keys", Map.of("customerId", "cust-7"), "keyValues", List.of("cust-7")));
      // 60 traces sharing one record key
      for (int i = 0; i < 60; i++) {
        es.event("inventory-0-" + i, null, null, "bulk-" + i, SCOPE.topic("inventory"), "GoodsFetched",
            NOW.minusSeconds(50), Map.of()).with(Map.of("key", "wh-1"));
      }
      es.write();
    }
  }

  @Test
  void shouldFindATraceByItsTraceIdKeyValuesRecordKeyAndEventId() throws Exception {
    for (String[] c : List.of(new String[] {"order-1", "traceId"}, new String[] {"pay-1", "key:paymentId"},
        new String[] {"parcel-1", "key:parcelId"}, new String[] {"psp-record-1", "recordKey"},
        new String[] {"ev-payments-0-1", "eventId"})) {
      // when
      JsonNode answer = search(c[0]);

      // then
      assertThat(items(answer)).as(c[0]).containsExactly("order-1 " + PROCESS + " COMPLETED " + c[1]);
      assertThat(answer.path("truncated").asBoolean()).isFalse();
    }
  }

  @Test
  void shouldListEveryInstanceOfEveryTraceSharingAValue() throws Exception {
    // when
    JsonNode answer = search("cust-7");

    // then: order-2 in both its processes, order-3 without instance, the uncorrelated event not at all
    assertThat(items(answer)).containsExactly("order-2 " + BILLING + " RUNNING key:customerId",
        "order-2 " + PROCESS + " RUNNING key:customerId", "order-3 null null key:customerId");
    JsonNode noInstance = answer.path("items").get(2);
    assertThat(noInstance.has("process")).isTrue();
    assertThat(noInstance.path("process").isNull()).isTrue();
    assertThat(noInstance.path("status").isNull()).isTrue();
  }

  @Test
  void shouldAnswerAtMostFiftyItemsAndSayWhenMoreMatched() throws Exception {
    // when
    JsonNode answer = search("wh-1");

    // then
    assertThat(answer.path("items").size()).isEqualTo(50);
    assertThat(answer.path("truncated").asBoolean()).isTrue();
    assertThat(items(answer)).allMatch(i -> i.startsWith("bulk-") && i.endsWith(" null null recordKey"));
  }

  @Test
  void shouldAnswerAnEmptyListWhenNothingMatches() throws Exception {
    // when
    HttpResponse<String> r = get("/api/search?q=" + encode("no-such-value"));
    HttpResponse<String> longest = get("/api/search?q=" + "x".repeat(1024));

    // then
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("items").isArray()).isTrue();
    assertThat(JSON.readTree(r.body()).path("items").isEmpty()).isTrue();
    assertThat(longest.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(longest.body()).path("items").isEmpty()).isTrue();
  }

  @Test
  void shouldMatchExactlyOnly() throws Exception {
    assertThat(items(search("ORDER-1"))).isEmpty();
    assertThat(items(search("order"))).isEmpty();
    assertThat(items(search(" order-1"))).isEmpty();
  }

  @Test
  void shouldRefuseAMissingBlankOrOverlongValue() throws Exception {
    for (String path : List.of("/api/search", "/api/search?q=", "/api/search?q=%20%20", "/api/search?q="
        + "x".repeat(1025), "/api/search?q=a%01b")) {
      // when
      HttpResponse<String> r = get(path);

      // then
      assertThat(r.statusCode()).as(path).isEqualTo(400);
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.path("status").asInt()).isEqualTo(400);
      assertThat(body.path("message").asString()).as(path).contains("q ");
    }
  }

  @Test
  void shouldFindNothingWhereTheIndicesDoNotExist() {
    // given
    SearchQueries queries = new SearchQueries(searches, new IndexNames(SCOPE.indexPrefix() + "-never-created"));

    // when
    SearchQueries.Result result = queries.search("order-1");

    // then
    assertThat(result.items()).isEmpty();
    assertThat(result.truncated()).isFalse();
  }

  private JsonNode search(String q) throws Exception {
    HttpResponse<String> r = get("/api/search?q=" + encode(q));
    assertThat(r.statusCode()).as("%s: %s", q, r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** Each item as "traceId process status matchedOn". */
  private static List<String> items(JsonNode answer) {
    List<String> items = new ArrayList<>();
    for (JsonNode i : answer.path("items")) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (String f : List.of("traceId", "process", "status", "matchedOn")) {
        fields.put(f, i.path(f).isNull() ? "null" : i.path(f).asString());
      }
      items.add(String.join(" ", fields.values()));
    }
    return items;
  }

  private static String encode(String q) {
    return URLEncoder.encode(q, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
