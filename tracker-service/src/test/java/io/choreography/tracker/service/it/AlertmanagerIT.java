package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.service.security.ApiKeyStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Incidents raised by the real tracking topology (real broker and node) show up as alerts in a real Alertmanager
 * 0.25 with their labels, leave it once resolved (by an operator or by the events), and survive an Alertmanager
 * outage and restart: late, but all there. Skipped where prometheus-alertmanager is not installed.
 */
@EnabledIf(value = "io.choreography.tracker.service.it.TestAlertmanager#installed",
    disabledReason = "Alertmanager tests need /usr/bin/prometheus-alertmanager (apt-get install prometheus-alertmanager)")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertmanagerIT {

  static final TestScope SCOPE = TestScope.create("alertmanager");
  static final String OPERATOR_KEY = "alertmanager-it-operator-key";
  static final String UI_URL = "https://tracker.example.com";
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String DEFINITION = """
      id: delivery
      correlation:
        - json: /orderId
      eventType:
        - json: /type
      eventTime:
        - json: /time
      eventId:
        - json: /id
      steps:
        - id: placed
          on: { topic: %1$sorders, type: Placed }
        - id: paid
          on: { topic: %1$spayments, type: Paid }
          after: [placed]
          within: 1s
        - id: shipped
          on: { topic: %1$sshipping, type: Shipped }
          after: [paid]
          end: completed
      """;

  /** Created (a port, a directory) with the class; started in {@link #startAlertmanager()}, before the tracker. */
  static final TestAlertmanager alertmanager = TestAlertmanager.create();
  static KafkaProducer<String, byte[]> producer;

  @BeforeAll
  static void startAlertmanager() throws Exception {
    alertmanager.start();
    producer = TestKafka.producer(SCOPE.infrastructure().kafkaBootstrapServers());
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    SCOPE.register(registry, true);
    registry.add("tracker.security.api-keys[0].key-hash", () -> ApiKeyStore.sha256Hex(OPERATOR_KEY));
    registry.add("tracker.security.api-keys[0].role", () -> "operator");
    registry.add("tracker.definitions", () -> TestDefinitions.write("delivery.yaml",
        DEFINITION.formatted(SCOPE.topicPrefix())));
    registry.add("tracker.tracking.partitions", () -> "2");
    registry.add("tracker.indexing.flush-interval", () -> "200ms");
    registry.add("tracker.alerts.alertmanager.url", alertmanager::url);
    registry.add("tracker.alerts.alertmanager.ui-url", () -> UI_URL);
    registry.add("tracker.alerts.alertmanager.group-id", () -> "it-alertmanager-" + SCOPE.indexPrefix());
    registry.add("tracker.alerts.alertmanager.resend-interval", () -> "2s");
    registry.add("tracker.alerts.alertmanager.labels.env", () -> "it");
    registry.add("tracker.alerts.retry.initial-backoff", () -> "200ms");
    registry.add("tracker.alerts.retry.max-backoff", () -> "1s");
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 2,
        List.of(SCOPE.topic("orders"), SCOPE.topic("payments"), SCOPE.topic("shipping"), SCOPE.incidentsTopic(),
            SCOPE.instancesTopic()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (producer != null) {
      producer.close();
    }
    alertmanager.stop();
  }

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  @Order(1)
  void shouldShowAStuckInstancesIncidentAsAnAlertWithItsLabelsUntilAnOperatorResolvesIt() throws Exception {
    // given
    String traceId = "order-am-operator";

    // when the instance gets stuck
    send("orders", "Placed", "operator-1", traceId);
    JsonNode incident = awaitIncident(traceId, "OPEN");
    JsonNode alert = awaitAlert(traceId);

    // then
    String id = incident.path("id").asString();
    assertThat(JSON.convertValue(alert.path("labels"), Map.class)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "alertname", "TrackerIncident", "incident", id, "process", "delivery", "type", "STUCK", "step", "paid",
        "severity", "warning", "env", "it"));
    assertThat(alert.path("annotations").path("summary").asString())
        .isEqualTo("STUCK incident in delivery at step paid");
    assertThat(alert.path("annotations").path("description").asString())
        .isEqualTo(incident.path("message").asString()).startsWith("waiting ");
    assertThat(alert.path("annotations").path("trace_url").asString()).isEqualTo(UI_URL + "/traces/" + traceId);
    assertThat(alert.path("generatorURL").asString()).isEqualTo(UI_URL + "/traces/" + traceId);
    assertThat(Instant.parse(alert.path("startsAt").asString()))
        .isEqualTo(Instant.parse(incident.path("openedAt").asString()));
    assertThat(alert.path("status").path("state").asString()).isEqualTo("active");

    // when an operator resolves it
    HttpResponse<String> resolved = http.send(HttpRequest.newBuilder(api("/api/incidents/" + id + "/resolve"))
        .header("X-API-Key", OPERATOR_KEY).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(resolved.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> alertmanager.alertOfTrace(traceId) == null);
    Thread.sleep(3_000); // two re-send rounds: a resolved incident is not re-sent
    assertThat(alertmanager.alertOfTrace(traceId)).isNull();
    assertThat(metric("tracker_alertmanager_deliveries_total\\{host=\"127.0.0.1\",outcome=\"delivered\"}"))
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  @Order(2)
  void shouldDeliverLateButLoseNothingWhileAlertmanagerIsDown() throws Exception {
    // given an alert shown before the outage
    String before = "order-am-before";
    String during = "order-am-during";
    send("orders", "Placed", "before-1", before);
    awaitAlert(before);
    double failedBefore = metric("tracker_alertmanager_failed_attempts_total\\{host=\"127.0.0.1\"}");

    // when Alertmanager is down while another instance gets stuck
    alertmanager.stop();
    send("orders", "Placed", "during-1", during);
    awaitIncident(during, "OPEN");
    await().atMost(Duration.ofSeconds(30)).until(() ->
        metric("tracker_alertmanager_failed_attempts_total\\{host=\"127.0.0.1\"}") >= failedBefore + 2);
    alertmanager.start(); // with no alerts: Alertmanager keeps them in memory only

    // then: the change sent late, the older open incident re-sent
    await().atMost(Duration.ofSeconds(30)).until(() -> alertmanager.alertOfTrace(during) != null
        && alertmanager.alertOfTrace(before) != null);

    // when the step arrives: the events resolve the incident
    send("payments", "Paid", "during-2", during);

    // then
    awaitIncident(during, "RESOLVED");
    await().atMost(Duration.ofSeconds(30)).until(() -> alertmanager.alertOfTrace(during) == null);
    assertThat(alertmanager.alertOfTrace(before)).as("still open").isNotNull();
  }

  private JsonNode awaitAlert(String traceId) {
    JsonNode[] found = new JsonNode[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      found[0] = alertmanager.alertOfTrace(traceId);
      return found[0] != null;
    });
    return found[0];
  }

  /** The STUCK incident of this trace as the API lists it, once it has this status. */
  private JsonNode awaitIncident(String traceId, String status) {
    JsonNode[] found = new JsonNode[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(api("/api/incidents?status=" + status
          + "&type=STUCK&process=delivery&size=500")).header("X-API-Key", OPERATOR_KEY).build(),
          HttpResponse.BodyHandlers.ofString());
      for (JsonNode i : JSON.readTree(r.body()).path("items")) {
        if (traceId.equals(i.path("traceId").asString())) {
          found[0] = i;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  /** The value of the first sample matching this pattern at /actuator/prometheus, 0 when there is none. */
  private double metric(String pattern) throws Exception {
    String body = http.send(HttpRequest.newBuilder(api("/actuator/prometheus")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("(?m)^" + pattern + " ([0-9.eE+-]+)$").matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private URI api(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private void send(String topic, String type, String id, String orderId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("id", id);
    body.put("orderId", orderId);
    body.put("time", Instant.now().toString());
    producer.send(new ProducerRecord<>(SCOPE.topic(topic), id, JSON.writeValueAsBytes(body)));
    producer.flush();
  }
}
