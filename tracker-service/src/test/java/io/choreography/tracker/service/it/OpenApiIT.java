package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.choreography.tracker.service.demo.DemoEmitters;
import io.choreography.tracker.service.demo.DemoOrder;
import java.io.InputStream;
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
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document at /v3/api-docs: open without a key, valid OpenAPI 3.1 (against the OpenAPI Initiative's
 * JSON Schema of 3.1 documents), covering every API endpoint the tracker maps, and agreeing with real answers of
 * each endpoint: their status codes are documented, and their top-level fields are those the document names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiIT {

  static final TestScope SCOPE = TestScope.create("openapi");
  static final String KEY = "openapi-it-operator-key";
  static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCOPE.register(registry, true);
    registry.add("tracker.security.api-keys[0].key", () -> KEY);
    registry.add("tracker.security.api-keys[0].role", () -> "operator");
  }

  @BeforeAll
  static void topics() throws Exception {
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 2,
        DemoEmitters.TOPICS.stream().map(SCOPE::topic).toList());
  }

  @LocalServerPort int port;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldPublishAValidOpenApi31DocumentWithoutAKey() throws Exception {
    // when
    HttpResponse<String> r = get("/v3/api-docs", null);
    JsonNode document = JSON.readTree(r.body());
    Set<ValidationMessage> errors = oas31Schema().validate(document);

    // then
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(document.path("openapi").asText()).startsWith("3.1.");
    assertThat(errors).as("OpenAPI 3.1 schema violations").isEmpty();
    assertThat(get("/swagger-ui.html", null).statusCode()).as("the browsable UI").isIn(200, 302);
  }

  @Test
  void shouldDocumentEveryEndpointWithItsParametersErrorsAndSecurity() throws Exception {
    // given
    JsonNode document = document();
    JsonNode paths = document.path("paths");

    // then: the endpoints of SPEC section 5 that exist, and every other one mapped under /api
    Set<String> documented = new TreeSet<>();
    paths.fields().forEachRemaining(p -> p.getValue().fieldNames()
        .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
    assertThat(documented).contains("GET /api/processes", "GET /api/processes/{id}",
        "GET /api/processes/{id}/throughput", "GET /api/instances", "GET /api/instances/{process}/{traceId}",
        "GET /api/incidents", "POST /api/incidents/{id}/acknowledge", "POST /api/incidents/{id}/resolve",
        "GET /api/traces/{traceId}", "GET /api/search", "GET /api/stream", "GET /api/processes/{id}/drift", "GET /api/export/ocel",
        "GET /api/status", "GET /api/ui/config", "GET /actuator/health",
        "GET /actuator/prometheus");
    Set<String> mapped = new TreeSet<>();
    mappings.getHandlerMethods().forEach((info, method) -> info.getPatternsCondition().getPatterns().stream()
        .map(Object::toString).filter(p -> p.startsWith("/api/"))
        .forEach(p -> info.getMethodsCondition().getMethods()
            .forEach(m -> mapped.add(m.name() + " " + p))));
    assertThat(documented).as("every mapped API endpoint is documented").containsAll(mapped);

    // then: parameters with descriptions, the error answers, the security schemes
    for (Map.Entry<String, JsonNode> path : iterable(paths.fields())) {
      for (Map.Entry<String, JsonNode> op : iterable(path.getValue().fields())) {
        String name = op.getKey() + " " + path.getKey();
        JsonNode operation = op.getValue();
        assertThat(operation.path("responses").has("200")).as("%s: 200", name).isTrue();
        if (path.getKey().startsWith("/api/")) {
          for (JsonNode parameter : operation.path("parameters")) {
            assertThat(parameter.path("description").asText()).as("%s: %s", name, parameter.path("name"))
                .isNotBlank();
          }
          for (String status : List.of("400", "401", "403", "500", "503")) {
            assertThat(operation.at("/responses/" + status + "/content/application~1json/schema/$ref").asText())
                .as("%s: %s", name, status).isEqualTo("#/components/schemas/ApiError");
          }
          assertThat(operation.path("security").toString()).as(name).contains("apiKey").contains("bearer");
        }
      }
    }
    assertThat(propertyNames(document, document.at("/components/schemas/ApiError")))
        .containsExactlyInAnyOrder("status", "error", "message");
    assertThat(document.at("/components/securitySchemes/apiKey/name").asText()).isEqualTo("X-API-Key");
  }

  @Test
  void shouldAgreeWithTheRealAnswersOfEachEndpoint() throws Exception {
    // given: an order that completed and one whose payment failed (an instance and an incident)
    DemoOrder happy = DemoOrder.next(DemoOrder.Scenario.HAPPY);
    DemoOrder failed = DemoOrder.next(DemoOrder.Scenario.PAYMENT_FAILED);
    try (KafkaProducer<String, byte[]> producer = TestKafka.producer(SCOPE.infrastructure().kafkaBootstrapServers())) {
      DemoEmitters emit = new DemoEmitters(producer, new tools.jackson.databind.json.JsonMapper(), SCOPE.topicPrefix());
      Instant t = Instant.now().minusSeconds(10);
      emit.checkout(happy, "OrderPlaced", t, Map.of());
      emit.payment(happy, "PaymentReceived", null, t.plusSeconds(1));
      emit.inventory(happy, t.plusSeconds(2));
      emit.shipping(happy, t.plusSeconds(3));
      emit.checkout(failed, "OrderPlaced", t, Map.of());
      emit.payment(failed, "PaymentResult", "FAILED", t.plusSeconds(1));
    }
    await().atMost(Duration.ofSeconds(60)).until(() ->
        JSON.readTree(get("/api/incidents?type=FAILED", KEY).body()).path("items").size() > 0
            && get("/api/instances/order-fulfillment/" + happy.orderId(), KEY).statusCode() == 200
            && JSON.readTree(get("/api/traces/" + happy.orderId(), KEY).body()).path("events").size() == 4);
    String incident = JSON.readTree(get("/api/incidents?type=FAILED", KEY).body()).at("/items/0/id").asText();
    String encodedIncident = URLEncoder.encode(incident, StandardCharsets.UTF_8).replace("+", "%20");
    JsonNode document = document();

    // when / then: each endpoint's answers
    List<String> mismatches = new ArrayList<>();
    check(document, "GET", "/api/processes", "/api/processes", KEY, 200, mismatches);
    check(document, "GET", "/api/processes/{id}", "/api/processes/order-fulfillment", KEY, 200, mismatches);
    check(document, "GET", "/api/processes/{id}", "/api/processes/no-such-process", KEY, 404, mismatches);
    check(document, "GET", "/api/processes/{id}/throughput", "/api/processes/order-fulfillment/throughput?minutes=5",
        KEY, 200, mismatches);
    check(document, "GET", "/api/processes/{id}/throughput", "/api/processes/order-fulfillment/throughput?minutes=0",
        KEY, 400, mismatches);
    check(document, "GET", "/api/instances", "/api/instances?process=order-fulfillment&size=5", KEY, 200, mismatches);
    check(document, "GET", "/api/instances", "/api/instances?size=0", KEY, 400, mismatches);
    check(document, "GET", "/api/instances", "/api/instances", null, 401, mismatches);
    check(document, "GET", "/api/instances/{process}/{traceId}", "/api/instances/order-fulfillment/" + happy.orderId(),
        KEY, 200, mismatches);
    check(document, "GET", "/api/instances/{process}/{traceId}", "/api/instances/order-fulfillment/nope", KEY, 404,
        mismatches);
    check(document, "GET", "/api/incidents", "/api/incidents?status=OPEN,ACKNOWLEDGED", KEY, 200, mismatches);
    check(document, "GET", "/api/incidents", "/api/incidents?type=LOST", KEY, 400, mismatches);
    check(document, "POST", "/api/incidents/{id}/acknowledge", "/api/incidents/" + encodedIncident + "/acknowledge",
        KEY, 200, mismatches);
    check(document, "POST", "/api/incidents/{id}/resolve", "/api/incidents/" + encodedIncident + "/resolve", KEY, 200,
        mismatches);
    // once the resolution is written (a moment after Kafka took it), acknowledging it is a conflict
    await().atMost(Duration.ofSeconds(30)).until(() ->
        post("/api/incidents/" + encodedIncident + "/acknowledge", KEY).statusCode() == 409);
    check(document, "POST", "/api/incidents/{id}/acknowledge", "/api/incidents/" + encodedIncident + "/acknowledge",
        KEY, 409, mismatches);
    check(document, "POST", "/api/incidents/{id}/resolve", "/api/incidents/no-such-incident/resolve", KEY, 404,
        mismatches);
    check(document, "GET", "/api/traces/{traceId}", "/api/traces/" + happy.orderId(), KEY, 200, mismatches);
    check(document, "GET", "/api/traces/{traceId}", "/api/traces/00000000000000000000000000000000", KEY, 404,
        mismatches);
    check(document, "GET", "/api/search", "/api/search?q=" + happy.orderId(), KEY, 200, mismatches);
    check(document, "GET", "/api/search", "/api/search?q=", KEY, 400, mismatches);
    check(document, "GET", "/api/ui/config", "/api/ui/config", KEY, 200, mismatches);
    check(document, "GET", "/api/status", "/api/status", KEY, 200, mismatches);
    check(document, "GET", "/api/processes/{id}/drift", "/api/processes/order-fulfillment/drift", KEY, 200, mismatches);
    check(document, "GET", "/api/processes/{id}/drift", "/api/processes/no-such-process/drift", KEY, 404, mismatches);
    check(document, "GET", "/api/export/ocel", "/api/export/ocel?process=order-fulfillment", KEY, 200, mismatches);
    check(document, "GET", "/api/export/ocel", "/api/export/ocel?from=yesterday", KEY, 400, mismatches);
    check(document, "GET", "/actuator/health", "/actuator/health", null, 200, mismatches);
    assertThat(mismatches).isEmpty();
    assertThat(document.at("/paths/~1api~1stream/get/responses/200/content").has("text/event-stream")).isTrue();
    assertThat(streamContentType()).startsWith("text/event-stream");
    assertThat(document.at("/paths/~1actuator~1prometheus/get/responses/200").isMissingNode()).isFalse();
    assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(200);
  }

  /**
   * Calls the endpoint and compares: the status is documented for the operation, and the JSON answer's top-level
   * fields (an array's: its first item's) are the properties the documented schema names.
   */
  private void check(JsonNode document, String method, String template, String path, String key, int expected,
      List<String> mismatches) throws Exception {
    HttpResponse<String> r = method.equals("POST") ? post(path, key) : get(path, key);
    String call = method + " " + path;
    if (r.statusCode() != expected) {
      mismatches.add(call + ": expected " + expected + " but was " + r.statusCode() + " " + r.body());
      return;
    }
    JsonNode response = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT)).path("responses")
        .path(Integer.toString(expected));
    if (response.isMissingNode()) {
      mismatches.add(call + ": status " + expected + " is not documented");
      return;
    }
    JsonNode schema = response.at("/content/application~1json/schema");
    if (!path.startsWith("/api/")) {
      return; // actuator endpoints: Spring Boot's own answers, documented by springdoc as free-form JSON
    }
    if (schema.isMissingNode()) {
      mismatches.add(call + ": " + expected + " has no application/json schema");
      return;
    }
    JsonNode body = JSON.readTree(r.body());
    schema = resolve(document, schema);
    if (body.isArray()) {
      if (!"array".equals(schema.path("type").asText()) || body.isEmpty()) {
        mismatches.add(call + ": an array answered, documented " + schema);
        return;
      }
      body = body.get(0);
      schema = resolve(document, schema.path("items"));
    }
    Set<String> fields = new HashSet<>();
    body.fieldNames().forEachRemaining(fields::add);
    Set<String> documented = propertyNames(document, schema);
    if (!fields.equals(documented)) {
      mismatches.add(call + ": fields " + new TreeSet<>(fields) + " but documented " + new TreeSet<>(documented));
    }
  }

  private static Set<String> propertyNames(JsonNode document, JsonNode schema) {
    Set<String> names = new HashSet<>();
    resolve(document, schema).path("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode resolve(JsonNode document, JsonNode schema) {
    while (schema.has("$ref")) {
      schema = document.at(schema.path("$ref").asText().substring(1));
    }
    return schema;
  }

  private static JsonSchema oas31Schema() throws Exception {
    try (InputStream in = OpenApiIT.class.getResourceAsStream("/openapi/oas-3.1-schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in));
    }
  }

  private JsonNode document() throws Exception {
    return JSON.readTree(get("/v3/api-docs", null).body());
  }

  private String streamContentType() throws Exception {
    HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url("/api/stream?traceId=x")))
        .header("X-API-Key", KEY).build(), HttpResponse.BodyHandlers.ofInputStream());
    r.body().close();
    return r.headers().firstValue("Content-Type").orElse("");
  }

  private HttpResponse<String> get(String path, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
    if (key != null) {
      b.header("X-API-Key", key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.noBody());
    if (key != null) {
      b.header("X-API-Key", key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private static <T> Iterable<T> iterable(Iterator<T> iterator) {
    return () -> iterator;
  }
}
