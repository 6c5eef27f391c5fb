package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.choreography.tracker.service.alerting.AlertRuleFile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Incidents from the incident topic reach webhooks (a real HTTP server here) exactly once each, also through refused
 * attempts; the open-incident gauges follow them; the example alert rules use only metrics the tracker exposes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncidentWebhooksIT {

  static final TestScope SCOPE = TestScope.create("webhooks");
  static final String INCIDENTS = SCOPE.incidentsTopic();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final int REFUSED_ATTEMPTS = 3;

  /** What a receiver accepted (answered 2xx): idempotency key, content type, body. */
  record Received(String idempotencyKey, String contentType, String body) {}

  static final List<Received> jsonReceived = new CopyOnWriteArrayList<>();
  static final List<Received> slackReceived = new CopyOnWriteArrayList<>();
  static final List<String> refusedKeys = new CopyOnWriteArrayList<>();
  static final AtomicInteger jsonAttempts = new AtomicInteger();
  static HttpServer receiver;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    startReceiver();
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 2, List.of(INCIDENTS));
    SCOPE.register(registry);
    String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
    registry.add("tracker.alerts.group-id", () -> "it-alerts-" + SCOPE.indexPrefix());
    registry.add("tracker.alerts.retry.initial-backoff", () -> "200ms");
    registry.add("tracker.alerts.retry.max-backoff", () -> "1s");
    registry.add("tracker.alerts.webhooks[0].url", () -> base + "/json");
    registry.add("tracker.alerts.webhooks[0].headers.X-Receiver-Token", () -> "token-1");
    registry.add("tracker.alerts.webhooks[1].url", () -> base + "/slack");
    registry.add("tracker.alerts.webhooks[1].format", () -> "slack");
  }

  static void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/json", exchange -> {
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      boolean authorized = "token-1".equals(exchange.getRequestHeaders().getFirst("X-Receiver-Token"));
      if (jsonAttempts.incrementAndGet() <= REFUSED_ATTEMPTS || !authorized) {
        refusedKeys.add(key);
        answer(exchange, 500);
        return;
      }
      jsonReceived.add(received(exchange));
      answer(exchange, 200);
    });
    receiver.createContext("/slack", exchange -> {
      slackReceived.add(received(exchange));
      answer(exchange, 200);
    });
    receiver.start();
  }

  static Received received(HttpExchange exchange) throws IOException {
    return new Received(exchange.getRequestHeaders().getFirst("Idempotency-Key"),
        exchange.getRequestHeaders().getFirst("Content-Type"),
        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
  }

  static void answer(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.stop(0);
  }

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  @Order(1) // first: the refused attempts are this incident's
  void shouldNotifyEachWebhookExactlyOnceOfAStuckThenRecoveredIncidentAndFollowIt() throws Exception {
    // given
    String bootstrap = SCOPE.infrastructure().kafkaBootstrapServers();
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    String incidentId = "order-fulfillment/" + traceId + "/STUCK/payment-received";
    String message = "waiting 5m for payment-received (PaymentReceived on payments); due after 5m";

    // when: the incident opens
    TrackerTopicRecords.sendCommitted(bootstrap, List.of(TrackerTopicRecords.incident(INCIDENTS, "OPENED", incidentId,
        1, "STUCK", "order-fulfillment", traceId, "payment-received", message)));

    // then: the gauges count it
    await().atMost(Duration.ofSeconds(20)).until(() -> metrics().contains(
        "tracker_instances_stuck{process=\"order-fulfillment\",step=\"payment-received\"} 1.0"));
    assertThat(metrics()).contains("tracker_incidents_open{process=\"order-fulfillment\",type=\"STUCK\"} 1.0");

    // when: its count changes (not an alert), then it resolves
    TrackerTopicRecords.sendCommitted(bootstrap, List.of(
        TrackerTopicRecords.incident(INCIDENTS, "UPDATED", incidentId, 2, "STUCK", "order-fulfillment", traceId,
            "payment-received", message),
        TrackerTopicRecords.incident(INCIDENTS, "RESOLVED", incidentId, 2, "STUCK", "order-fulfillment", traceId,
            "payment-received", "payment-received was reached")));

    // then: each webhook got one opened and one resolved notification, in order, and nothing else
    await().atMost(Duration.ofSeconds(30)).until(() -> jsonReceived.size() >= 2 && slackReceived.size() >= 2);
    Thread.sleep(2_000); // room for a duplicate to show up
    assertThat(jsonReceived).extracting(Received::idempotencyKey)
        .containsExactly(incidentId + "/OPENED/1", incidentId + "/RESOLVED/2");
    assertThat(slackReceived).extracting(Received::idempotencyKey)
        .containsExactly(incidentId + "/OPENED/1", incidentId + "/RESOLVED/2");
    assertThat(refusedKeys).hasSize(REFUSED_ATTEMPTS).containsOnly(incidentId + "/OPENED/1");

    JsonNode opened = JSON.readTree(jsonReceived.get(0).body());
    assertThat(jsonReceived.get(0).contentType()).isEqualTo("application/cloudevents+json");
    assertThat(opened.path("type").asString()).isEqualTo("tracker.incident.opened");
    assertThat(opened.path("data").path("traceId").asString()).isEqualTo(traceId);
    String slackText = JSON.readTree(slackReceived.get(0).body()).path("text").asString();
    assertThat(slackText).startsWith("STUCK incident opened: " + message).contains("order-fulfillment")
        .contains(traceId);
    assertThat(JSON.readTree(slackReceived.get(1).body()).path("text").asString())
        .startsWith("STUCK incident resolved");

    await().atMost(Duration.ofSeconds(20)).until(() -> metrics().contains(
        "tracker_instances_stuck{process=\"order-fulfillment\",step=\"payment-received\"} 0.0"));
    assertThat(metrics()).contains("tracker_incidents_open{process=\"order-fulfillment\",type=\"STUCK\"} 0.0")
        .containsPattern("tracker_webhook_deliveries_total\\{host=\"127.0.0.1\",outcome=\"delivered\",webhook=\"0\"} 2.0");
  }

  @Test
  @Order(2)
  void shouldExposeEveryMetricTheExampleAlertRulesUse() throws Exception {
    // given
    TrackerTopicRecords.sendCommitted(SCOPE.infrastructure().kafkaBootstrapServers(), List.of(
        TrackerTopicRecords.incident(INCIDENTS, "OPENED", "billing/x/FAILED/-", 1, "FAILED", "billing", "x", null,
            "billing failed")));

    // when
    await().atMost(Duration.ofSeconds(20)).until(() -> metrics().contains("tracker_incidents_open{process=\"billing\""));
    String metrics = metrics();

    // then
    for (String metric : AlertRuleFile.metrics()) {
      assertThat(metrics).as("metric %s of the alert rules", metric).containsPattern("(?m)^" + metric + "[{ ]");
    }
  }

  @Test
  @Order(3)
  void shouldSayInEveryHelpTextWhatTheMetricCounts() throws Exception {
    // when
    String metrics = metrics();

    // then: every tracker metric family has a HELP line with a text, and the deliveries' names both outcomes
    java.util.regex.Matcher types = java.util.regex.Pattern.compile("(?m)^# TYPE (tracker_\\S+) ").matcher(metrics);
    List<String> families = new java.util.ArrayList<>();
    while (types.find()) {
      families.add(types.group(1));
    }
    // tracker.tracking.instances.created is exposed without "_created" (a suffix the Prometheus client keeps for itself)
    assertThat(families).contains("tracker_tracking_instances_total", "tracker_tracking_incidents_opened_total",
        "tracker_webhook_deliveries_total");
    for (String family : families) {
      assertThat(metrics).as("HELP of %s", family).containsPattern("(?m)^# HELP " + family + " \\S.{10,}$");
    }
    assertThat(metrics).containsPattern("(?m)^# HELP tracker_webhook_deliveries_total .*delivered.*gave_up");
  }

  private String metrics() throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
