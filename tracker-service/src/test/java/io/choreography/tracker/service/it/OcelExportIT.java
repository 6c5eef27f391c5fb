package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.model.instances.InstanceDocument.Deviations;
import io.choreography.tracker.service.ocel.ExportOcelCommand;
import io.choreography.tracker.service.ocel.OcelSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The OCEL 2.0 export ({@code GET /api/export/ocel} and the {@code export-ocel} command) on event and instance
 * documents indexed straight into the real node: the log validates against the OCEL 2.0 JSON schema, and reading it
 * back finds every event of the range and every instance they belong to, nothing else.
 *
 * <p>Hour one of 2026-11-20: five orders t-0..t-4 (order placed, paid with a payload, t-0 and t-1 also fetched),
 * t-4 without an instance document yet; an order placed without trace id; an event of another process (returns);
 * an event that matched no step; one order placed before the hour. 2026-11-19: 3,000 events of 1,500 orders, more
 * than one page of events and of instances.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OcelExportIT {

  static final TestScope SCOPE = TestScope.create("ocel");
  static final String PROCESS = "order-fulfillment";
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  static final Instant DAY_BEFORE = Instant.parse("2026-11-19T00:00:00Z");
  static final int BIG_ORDERS = 1_500;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCOPE.register(registry);
  }

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void index() throws Exception {
    try (DirectIndexing es = new DirectIndexing(SCOPE.infrastructure().elasticsearchUri(), SCOPE.indexPrefix())) {
      for (int i = 0; i < 5; i++) {
        String trace = "t-" + i;
        Instant placed = T0.plusSeconds(i * 60L);
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("orderId", trace);
        payment.put("amount", 10 + i);
        payment.put("currency", "EUR");
        payment.put("card", Map.of("last4", "4242"));
        es.event("orders-0-" + i, PROCESS, "order-placed", trace, "orders", "OrderPlaced", placed,
            Map.of("orderId", trace));
        es.event("payments-0-" + i, PROCESS, "payment-received", trace, "payments", "PaymentReceived",
            placed.plusSeconds(5), payment);
        if (i < 2) {
          es.event("inventory-0-" + i, PROCESS, "goods-fetched", trace, "inventory", "GoodsFetched",
              placed.plusSeconds(30), Map.of("orderId", trace, "weightKg", 1.5));
        }
        if (i < 4) {
          Map<String, Instant> reached = new LinkedHashMap<>();
          reached.put("order-placed", placed);
          reached.put("payment-received", placed.plusSeconds(5));
          es.instance(PROCESS, trace, i == 0 ? InstanceStatus.COMPLETED : InstanceStatus.RUNNING, placed,
              i == 0 ? placed.plusSeconds(40) : null, placed.plusSeconds(40), reached, Deviations.NONE);
        }
      }
      es.event("orders-0-90", PROCESS, "order-placed", null, "orders", "OrderPlaced", T0.plusSeconds(600), Map.of());
      es.event("returns-0-1", "returns", "return-opened", "r-1", "returns", "ReturnOpened", T0.plusSeconds(700),
          Map.of("reason", "size"));
      es.event("misc-0-1", null, null, "t-1", "misc", "Whatever", T0.plusSeconds(800), Map.of());
      es.event("orders-0-91", PROCESS, "order-placed", "t-early", "orders", "OrderPlaced", T0.minusSeconds(1),
          Map.of());
      for (int i = 0; i < BIG_ORDERS; i++) {
        Instant placed = DAY_BEFORE.plusSeconds(i * 10L);
        es.event("big-orders-" + i, PROCESS, "order-placed", "b-" + i, "orders", "OrderPlaced", placed, Map.of());
        es.event("big-payments-" + i, PROCESS, "payment-received", "b-" + i, "payments", "PaymentReceived",
            placed.plusSeconds(1), Map.of("amount", i));
        if (i % 500 == 0) {
          es.write();
        }
      }
      es.write();
    }
  }

  @Test
  void shouldExportTheEventsOfTheRangeAndTheirInstancesAsAValidOcelLog() throws Exception {
    // when
    HttpResponse<byte[]> r = export("?process=" + PROCESS + "&from=" + T0 + "&to=" + T0.plusSeconds(3600));

    // then
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    assertThat(r.headers().firstValue("content-disposition").orElse("")).contains("ocel-order-fulfillment.json");
    assertThat(OcelSchema.errors(r.body())).isEmpty();
    Log log = Log.read(json.readTree(r.body()));
    assertThat(log.events.keySet()).containsExactlyInAnyOrder("orders-0-0", "orders-0-1", "orders-0-2",
        "orders-0-3", "orders-0-4", "payments-0-0", "payments-0-1", "payments-0-2", "payments-0-3", "payments-0-4",
        "inventory-0-0", "inventory-0-1", "orders-0-90");
    assertThat(log.objects.keySet()).containsExactlyInAnyOrder("order-fulfillment/t-0", "order-fulfillment/t-1",
        "order-fulfillment/t-2", "order-fulfillment/t-3", "order-fulfillment/t-4");
    assertThat(log.danglingRelationships()).isEmpty();
    assertThat(log.undeclaredAttributes()).isEmpty();
    JsonNode paid = log.events.get("payments-0-3");
    assertThat(paid.path("type").asString()).isEqualTo("payment-received");
    assertThat(paid.path("time").asString()).isEqualTo(T0.plusSeconds(185).toString());
    assertThat(Log.attributes(paid)).containsEntry("amount", "13").containsEntry("currency", "EUR")
        .containsEntry("topic", "payments").containsEntry("type", "PaymentReceived")
        .containsEntry("eventId", "ev-payments-0-3").doesNotContainKey("card");
    assertThat(paid.path("relationships").toString())
        .isEqualTo("[{\"objectId\":\"order-fulfillment/t-3\",\"qualifier\":\"payment-received\"}]");
    assertThat(log.events.get("orders-0-90").path("relationships").isEmpty()).isTrue();
    assertThat(Log.attributes(log.objects.get("order-fulfillment/t-0"))).containsEntry("status", "COMPLETED")
        .containsEntry("traceId", "t-0").containsEntry("endedAt", T0.plusSeconds(40).toString());
    assertThat(Log.attributes(log.objects.get("order-fulfillment/t-2"))).containsEntry("status", "RUNNING");
    assertThat(Log.attributes(log.objects.get("order-fulfillment/t-4"))).containsOnlyKeys("traceId");
    assertThat(log.eventTypes.get("payment-received")).containsEntry("amount", "integer")
        .containsEntry("currency", "string");
    assertThat(log.eventTypes.get("goods-fetched")).containsEntry("weightKg", "float");
    assertThat(log.objectTypes.get(PROCESS)).containsEntry("status", "string").containsEntry("startedAt", "time");
    assertThat(r.headers().firstValue("x-tracker-events")).hasValue("13");
  }

  @Test
  void shouldExportEveryProcessWithoutAProcessParameter() throws Exception {
    // when
    HttpResponse<byte[]> r = export("?from=" + T0 + "&to=" + T0.plusSeconds(3600));

    // then: the return's event and instance too, still not the event that matched no step
    Log log = Log.read(json.readTree(r.body()));
    assertThat(OcelSchema.errors(r.body())).isEmpty();
    assertThat(log.events).hasSize(14).containsKey("returns-0-1").doesNotContainKey("misc-0-1");
    assertThat(log.objects).hasSize(6).containsKey("returns/r-1");
    assertThat(log.objectTypes).containsOnlyKeys(PROCESS, "returns");
    assertThat(log.danglingRelationships()).isEmpty();
  }

  @Test
  void shouldFindEveryEventAndInstanceAcrossPages() throws Exception {
    // when: 3,000 events (three pages) of 1,500 instances (two pages)
    HttpResponse<byte[]> r = export("?process=" + PROCESS + "&from=" + DAY_BEFORE + "&to=" + T0.minusSeconds(3600));

    // then
    Log log = Log.read(json.readTree(r.body()));
    assertThat(log.events).hasSize(2 * BIG_ORDERS);
    assertThat(log.objects).hasSize(BIG_ORDERS);
    assertThat(log.danglingRelationships()).isEmpty();
    assertThat(log.eventCount).isEqualTo(2 * BIG_ORDERS);
    assertThat(log.objectCount).isEqualTo(BIG_ORDERS);
    String previous = "";
    for (JsonNode e : log.eventsInOrder) {
      assertThat(e.path("time").asString()).isGreaterThanOrEqualTo(previous);
      previous = e.path("time").asString();
    }
  }

  @Test
  void shouldWriteTheSameLogFromTheCommandLineWithProgressOnStderr() throws Exception {
    // given
    Path file = Files.createTempDirectory("ocel").resolve("log.json");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    // when
    int exit = new ExportOcelCommand().run(List.of("--elasticsearch", SCOPE.infrastructure().elasticsearchUri(),
        "--index-prefix", SCOPE.indexPrefix(), "--process", PROCESS, "--from=" + T0, "--to",
        T0.plusSeconds(3600).toString(), "--out", file.toString()), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    // then
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    byte[] api = export("?process=" + PROCESS + "&from=" + T0 + "&to=" + T0.plusSeconds(3600)).body();
    assertThat(Files.readAllBytes(file)).isEqualTo(api);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("events: 13 of 13 (100%)")
        .contains("wrote 13 events and 5 objects");
    assertThat(Files.exists(file.resolveSibling("log.json.part"))).isFalse();
  }

  @Test
  void shouldRefuseBadArgumentsOnTheCommandLine() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream o = new PrintStream(new ByteArrayOutputStream());
    assertThat(new ExportOcelCommand().run(List.of("--from", "yesterday"), o, e)).isEqualTo(2);
    assertThat(new ExportOcelCommand().run(List.of("--colour", "red"), o, e)).isEqualTo(2);
    assertThat(new ExportOcelCommand().run(List.of("--elasticsearch", "http://127.0.0.1:1", "--out",
        "/tmp/never.json"), o, e)).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--from must be an ISO-8601 time")
        .contains("unknown option --colour").contains("export failed");
  }

  @Test
  void shouldAnswer404ForAnUnknownProcessAnd400ForABadRange() throws Exception {
    assertThat(export("?process=no-such-process").statusCode()).isEqualTo(404);
    HttpResponse<byte[]> bad = export("?from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json.readTree(bad.body()).path("message").asString()).contains("from must be before to");
  }

  private HttpResponse<byte[]> export(String query) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/export/ocel" + query))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** An OCEL log read back: events and objects by id, declared attributes by type. */
  static final class Log {
    final Map<String, JsonNode> events = new HashMap<>();
    final List<JsonNode> eventsInOrder = new java.util.ArrayList<>();
    final Map<String, JsonNode> objects = new HashMap<>();
    final Map<String, Map<String, String>> eventTypes = new HashMap<>();
    final Map<String, Map<String, String>> objectTypes = new HashMap<>();
    int eventCount;
    int objectCount;

    static Log read(JsonNode root) {
      Log log = new Log();
      for (JsonNode e : root.path("events")) {
        log.events.put(e.path("id").asString(), e);
        log.eventsInOrder.add(e);
        log.eventCount++;
      }
      for (JsonNode o : root.path("objects")) {
        log.objects.put(o.path("id").asString(), o);
        log.objectCount++;
      }
      types(root.path("eventTypes"), log.eventTypes);
      types(root.path("objectTypes"), log.objectTypes);
      return log;
    }

    private static void types(JsonNode types, Map<String, Map<String, String>> into) {
      for (JsonNode t : types) {
        Map<String, String> attributes = new LinkedHashMap<>();
        t.path("attributes").forEach(a -> attributes.put(a.path("name").asString(), a.path("type").asString()));
        into.put(t.path("name").asString(), attributes);
      }
    }

    static Map<String, String> attributes(JsonNode eventOrObject) {
      Map<String, String> values = new LinkedHashMap<>();
      eventOrObject.path("attributes").forEach(a -> values.put(a.path("name").asString(), a.path("value").asString()));
      return values;
    }

    Set<String> danglingRelationships() {
      Set<String> dangling = new HashSet<>();
      for (JsonNode e : events.values()) {
        e.path("relationships").forEach(r -> {
          if (!objects.containsKey(r.path("objectId").asString())) {
            dangling.add(e.path("id").asString() + " -> " + r.path("objectId").asString());
          }
        });
      }
      return dangling;
    }

    /** Attributes of events and objects their type does not declare. */
    Set<String> undeclaredAttributes() {
      Set<String> undeclared = new HashSet<>();
      for (JsonNode e : events.values()) {
        for (String name : attributes(e).keySet()) {
          if (!eventTypes.getOrDefault(e.path("type").asString(), Map.of()).containsKey(name)) {
            undeclared.add(e.path("id").asString() + "." + name);
          }
        }
      }
      for (JsonNode o : objects.values()) {
        for (String name : attributes(o).keySet()) {
          if (!objectTypes.getOrDefault(o.path("type").asString(), Map.of()).containsKey(name)) {
            undeclared.add(o.path("id").asString() + "." + name);
          }
        }
      }
      return undeclared;
    }
  }
}
