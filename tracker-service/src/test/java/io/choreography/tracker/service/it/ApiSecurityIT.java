package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.service.security.ApiKeyStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** API keys and roles: who gets 401, who 403, who through. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiSecurityIT {

  static final TestScope SCOPE = TestScope.create("security");
  static final String VIEWER_KEY = "viewer-key-0123456789abcdef";
  static final String OPERATOR_KEY = "operator-key-0123456789abcdef";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCOPE.register(registry, true);
    registry.add("tracker.security.api-keys[0].key", () -> VIEWER_KEY);
    registry.add("tracker.security.api-keys[0].role", () -> "viewer");
    registry.add("tracker.security.api-keys[1].key-hash", () -> ApiKeyStore.sha256Hex(OPERATOR_KEY));
    registry.add("tracker.security.api-keys[1].role", () -> "operator");
  }

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldAnswer401AsJsonToAnUnauthenticatedPost() throws Exception {
    // when
    HttpResponse<String> r = post("/api/incidents/i-1/acknowledge", Map.of());

    // then
    assertThat(r.statusCode()).isEqualTo(401);
    JsonNode body = json.readTree(r.body());
    assertThat(body.path("status").asInt()).isEqualTo(401);
    assertThat(body.path("error").asString()).isEqualTo("Unauthorized");
    assertThat(body.path("message").asString()).contains("API key");
  }

  @Test
  void shouldAnswer401ToAnUnknownKey() throws Exception {
    // when
    HttpResponse<String> r = post("/api/incidents/i-1/acknowledge", Map.of("X-API-Key", "not-a-key-at-all-000"));

    // then
    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void shouldAnswer403AsJsonToAViewersPost() throws Exception {
    // when
    HttpResponse<String> r = post("/api/incidents/i-1/acknowledge", Map.of("X-API-Key", VIEWER_KEY));

    // then
    assertThat(r.statusCode()).isEqualTo(403);
    JsonNode body = json.readTree(r.body());
    assertThat(body.path("status").asInt()).isEqualTo(403);
    assertThat(body.path("error").asString()).isEqualTo("Forbidden");
  }

  @Test
  void shouldLetAnOperatorPostWithTheHeaderOrABearerToken() throws Exception {
    // given two open incidents
    TrackerTopicRecords.sendCommitted(SCOPE.infrastructure().kafkaBootstrapServers(), List.of(
        TrackerTopicRecords.incident(SCOPE.incidentsTopic(), "OPENED", "security-1", 1, "FAILED", "order-fulfillment",
            "trace-security-1", "payment-failed", "ended as FAILED"),
        TrackerTopicRecords.incident(SCOPE.incidentsTopic(), "OPENED", "security-2", 1, "FAILED", "order-fulfillment",
            "trace-security-2", "payment-failed", "ended as FAILED")));
    await().atMost(Duration.ofSeconds(30)).until(() -> json.readTree(
        get("/api/incidents?status=OPEN&type=FAILED", Map.of("X-API-Key", VIEWER_KEY)).body())
        .path("items").size() == 2);

    // when
    HttpResponse<String> byHeader = post("/api/incidents/security-1/acknowledge", Map.of("X-API-Key", OPERATOR_KEY));
    HttpResponse<String> byBearer = post("/api/incidents/security-2/acknowledge",
        Map.of("Authorization", "Bearer " + OPERATOR_KEY));

    // then
    assertThat(byHeader.statusCode()).isEqualTo(200);
    assertThat(json.readTree(byHeader.body()).path("status").asString()).isEqualTo("ACKNOWLEDGED");
    assertThat(byBearer.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldLetViewersAndOperatorsReadButNotAnonymousCallers() throws Exception {
    // when
    HttpResponse<String> anonymous = get("/api/traces/unknown-trace", Map.of());
    HttpResponse<String> viewer = get("/api/traces/unknown-trace", Map.of("X-API-Key", VIEWER_KEY));
    HttpResponse<String> operator = get("/api/traces/unknown-trace", Map.of("Authorization", "Bearer " + OPERATOR_KEY));

    // then
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(viewer.statusCode()).as("authorized, and the trace is unknown").isEqualTo(404);
    assertThat(operator.statusCode()).isEqualTo(404);
  }

  @Test
  void shouldKeepHealthMetricsAndStaticFilesOpen() throws Exception {
    // when
    HttpResponse<String> health = get("/actuator/health", Map.of());
    HttpResponse<String> metrics = get("/actuator/prometheus", Map.of());
    HttpResponse<String> page = get("/index.html", Map.of());

    // then
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(page.statusCode()).isNotIn(401, 403);
  }

  @Test
  void shouldNeverShowKeysInTheEnvironmentOrMetrics() throws Exception {
    // when
    HttpResponse<String> metrics = get("/actuator/prometheus", Map.of());
    HttpResponse<String> env = get("/actuator/env", Map.of("X-API-Key", OPERATOR_KEY));

    // then
    assertThat(metrics.body()).doesNotContain(VIEWER_KEY);
    assertThat(env.body()).doesNotContain(VIEWER_KEY).doesNotContain(OPERATOR_KEY);
  }

  private HttpResponse<String> post(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .POST(HttpRequest.BodyPublishers.noBody());
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
