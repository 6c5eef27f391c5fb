package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.service.security.ApiKeyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /actuator/health} stays open without a key, but anonymous callers learn only the status (with its HTTP
 * code); the components and their details (paths, disk, cluster id, error messages) are for viewers and operators.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthDetailsIT {

  static final TestScope SCOPE = TestScope.create("health");
  static final String VIEWER_KEY = "viewer-key-0123456789abcdef";
  static final String OPERATOR_KEY = "operator-key-0123456789abcdef";
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final SwitchableProxy ELASTICSEARCH = elasticsearchProxy();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCOPE.register(registry, true);
    registry.add("tracker.elasticsearch.uris", ELASTICSEARCH::uri);
    registry.add("tracker.security.api-keys[0].key", () -> VIEWER_KEY);
    registry.add("tracker.security.api-keys[0].role", () -> "viewer");
    registry.add("tracker.security.api-keys[1].key-hash", () -> ApiKeyStore.sha256Hex(OPERATOR_KEY));
    registry.add("tracker.security.api-keys[1].role", () -> "operator");
  }

  @LocalServerPort int port;

  @AfterAll
  static void closeProxy() {
    ELASTICSEARCH.close();
  }

  @Test
  void shouldShowAnonymousCallersOnlyTheStatusAndAuthenticatedCallersEverything() throws Exception {
    // given: everything up
    await().atMost(Duration.ofSeconds(60)).until(() -> health(null).status() == 200);

    // when
    RawHttp.Response anonymous = health(null);
    RawHttp.Response anonymousHtml = RawHttp.exchange(port, "GET", "/actuator/health", Map.of("Accept", "text/html"));
    RawHttp.Response viewer = health(VIEWER_KEY);
    RawHttp.Response operator = health(OPERATOR_KEY);

    // then
    assertThat(anonymous.status()).isEqualTo(200);
    assertOnlyStatus(anonymous, "UP");
    assertThat(anonymousHtml.status()).isIn(200, 406);
    assertThat(anonymousHtml.body()).doesNotContain("components").doesNotContain("clusterId")
        .doesNotContain(System.getProperty("user.dir"));
    for (RawHttp.Response r : List.of(viewer, operator)) {
      assertThat(r.status()).isEqualTo(200);
      JsonNode components = JSON.readTree(r.body()).path("components");
      assertThat(components.path("kafka").path("status").asString()).isEqualTo("UP");
      assertThat(components.path("elasticsearch").path("status").asString()).isEqualTo("UP");
      assertThat(components.path("kafka").path("details").isEmpty()).as("kafka details").isFalse();
    }
    assertThat(RawHttp.exchange(port, "GET", "/actuator/health/kafka", Map.of()).body()).doesNotContain("clusterId");
  }

  @Test
  void shouldAnswer503WithOnlyTheStatusToAnonymousCallersWhenDown() throws Exception {
    // given
    await().atMost(Duration.ofSeconds(60)).until(() -> health(null).status() == 200);

    // when: Elasticsearch goes away
    ELASTICSEARCH.down();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> health(null).status() == 503);
      RawHttp.Response anonymous = health(null);
      RawHttp.Response viewer = health(VIEWER_KEY);

      // then
      assertOnlyStatus(anonymous, "DOWN");
      assertThat(viewer.status()).isEqualTo(503);
      assertThat(JSON.readTree(viewer.body()).path("components").path("elasticsearch").path("status").asString())
          .isEqualTo("DOWN");
    } finally {
      ELASTICSEARCH.up();
    }
  }

  /** The status, and at most the names of the health groups (the liveness and readiness probes): no component. */
  private static void assertOnlyStatus(RawHttp.Response r, String status) {
    JsonNode body = JSON.readTree(r.body());
    List<String> fields = new ArrayList<>();
    body.propertyNames().forEach(fields::add);
    assertThat(fields).as(r.body()).contains("status").isSubsetOf("status", "groups");
    assertThat(body.path("status").asString()).isEqualTo(status);
    assertThat(body.path("groups").isMissingNode() || body.path("groups").valueStream().allMatch(JsonNode::isString))
        .as("groups are names only").isTrue();
  }

  private RawHttp.Response health(String key) throws IOException {
    return RawHttp.exchange(port, "GET", "/actuator/health", key == null ? Map.of() : Map.of("X-API-Key", key));
  }

  private static SwitchableProxy elasticsearchProxy() {
    URI node = URI.create(SCOPE.infrastructure().elasticsearchUri());
    try {
      SwitchableProxy proxy = new SwitchableProxy(SharedInfrastructure.freePort(), node.getHost(), node.getPort());
      proxy.up();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
