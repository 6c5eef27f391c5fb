package io.choreography.tracker.service.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.choreography.tracker.service.it.TestKafka;
import io.choreography.tracker.service.it.TestScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The incident lifecycle end to end, against the real broker and node: a STUCK incident listed, acknowledged and
 * resolved by the step's arrival with its times kept; an incident an operator resolved is not resolved again; the
 * API's errors and paging; a webhook that refuses its first attempts notified once per open and resolve.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IncidentLifecycleIT {

  static final TestScope SCOPE = TestScope.create("lifecycle");
  static final String PROCESS = "delivery";
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final int REFUSED_ATTEMPTS_PER_NOTIFICATION = 2;

  /** Idempotency keys of the notifications the webhook accepted, and the types of their CloudEvents. */
  static final List<String> accepted = new CopyOnWriteArrayList<>();
  static final List<String> acceptedTypes = new CopyOnWriteArrayList<>();
  static final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  static HttpServer webhook;
  static TrackerTopicReader reader;
  static KafkaProducer<String, byte[]> producer;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    startWebhook();
    SCOPE.register(registry);
    registry.add("tracker.definitions", IncidentLifecycleIT::definitions);
    registry.add("tracker.tracking.partitions", () -> "2");
    registry.add("tracker.indexing.flush-interval", () -> "200ms");
    registry.add("tracker.incidents.hint-refresh", () -> "1s");
    registry.add("tracker.alerts.group-id", () -> "it-alerts-" + SCOPE.indexPrefix());
    registry.add("tracker.alerts.retry.initial-backoff", () -> "200ms");
    registry.add("tracker.alerts.retry.max-backoff", () -> "1s");
    registry.add("tracker.alerts.webhooks[0].url",
        () -> "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 2,
        List.of(SCOPE.topic("orders"), SCOPE.topic("payments"), SCOPE.topic("shipping")));
  }

  static String definitions() {
    try {
      Path dir = Files.createTempDirectory("lifecycle-it-definitions");
      Files.writeString(dir.resolve("delivery.yaml"), TrackingIT.DEFINITION.formatted(SCOPE.topicPrefix()));
      return dir.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A webhook receiver that refuses the first attempts of every notification. */
  static void startWebhook() throws IOException {
    webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext("/hook", exchange -> {
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      byte[] body = exchange.getRequestBody().readAllBytes();
      boolean refuse = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet()
          <= REFUSED_ATTEMPTS_PER_NOTIFICATION;
      if (!refuse) {
        accepted.add(key);
        acceptedTypes.add(JSON.readTree(new String(body, StandardCharsets.UTF_8)).path("type").asString());
      }
      exchange.sendResponseHeaders(refuse ? 503 : 200, -1);
      exchange.close();
    });
    webhook.start();
  }

  @BeforeAll
  static void startReading() {
    String bootstrap = SCOPE.infrastructure().kafkaBootstrapServers();
    producer = TestKafka.producer(bootstrap);
    reader = new TrackerTopicReader(bootstrap, List.of(SCOPE.instancesTopic(), SCOPE.incidentsTopic()));
  }

  @AfterAll
  static void stop() throws Exception {
    reader.close();
    producer.close();
    webhook.stop(0);
  }

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldListAcknowledgeAndResolveAStuckIncidentKeepingItsTimes() throws Exception {
    // given a stuck instance
    send("orders", "Placed", "ack-1", "order-ack", Instant.now());
    JsonNode listed = awaitIncident("order-ack", "OPEN");

    // when an operator acknowledges it
    Response acknowledged = post("/api/incidents/" + listed.path("id").asString() + "/acknowledge");

    // then
    assertThat(acknowledged.status()).isEqualTo(200);
    assertThat(acknowledged.body().path("status").asString()).isEqualTo("ACKNOWLEDGED");
    assertThat(acknowledged.body().path("acknowledgedAt").isString()).isTrue();
    assertThat(acknowledged.body().path("openedAt")).isEqualTo(listed.path("openedAt"));
    JsonNode document = awaitIncident("order-ack", "ACKNOWLEDGED");
    assertThat(document).isEqualTo(acknowledged.body());

    // when the step arrives
    send("payments", "Paid", "ack-2", "order-ack", Instant.now());
    JsonNode resolved = awaitIncident("order-ack", "RESOLVED");

    // then
    assertThat(resolved.path("openedAt")).isEqualTo(listed.path("openedAt"));
    assertThat(resolved.path("acknowledgedAt")).isEqualTo(acknowledged.body().path("acknowledgedAt"));
    assertThat(resolved.path("resolvedAt").isString()).isTrue();
    Thread.sleep(1_000); // room for a duplicate to show up
    String id = listed.path("id").asString();
    assertThat(changes(id, "tracker.incident.opened")).hasSize(1);
    assertThat(changes(id, "tracker.incident.acknowledged")).hasSize(1);
    assertThat(changes(id, "tracker.incident.resolved")).hasSize(1);
  }

  @Test
  void shouldNotResolveAgainAnIncidentAnOperatorResolved() throws Exception {
    // given
    send("orders", "Placed", "op-1", "order-operator", Instant.now());
    JsonNode listed = awaitIncident("order-operator", "OPEN");
    String id = listed.path("id").asString();

    // when an operator resolves it, then the step arrives
    Response resolved = post("/api/incidents/" + id + "/resolve");
    JsonNode document = awaitIncident("order-operator", "RESOLVED");
    Response again = post("/api/incidents/" + id + "/resolve");
    Response acknowledge = post("/api/incidents/" + id + "/acknowledge");
    send("payments", "Paid", "op-2", "order-operator", Instant.now());
    await().atMost(Duration.ofSeconds(30)).until(() -> reader.matching(r -> r.topic().equals(SCOPE.instancesTopic())
        && "order-operator".equals(r.value().path("traceId").asString())
        && r.value().path("steps").has("paid")).size() == 1);
    Thread.sleep(1_500); // room for a second resolution to show up

    // then
    assertThat(resolved.status()).isEqualTo(200);
    assertThat(resolved.body().path("status").asString()).isEqualTo("RESOLVED");
    assertThat(resolved.body().path("resolvedAt").isString()).isTrue();
    assertThat(document).isEqualTo(resolved.body());
    assertThat(again.status()).as("resolving again changes nothing").isEqualTo(200);
    assertThat(again.body()).isEqualTo(resolved.body());
    assertThat(acknowledge.status()).isEqualTo(409);
    assertThat(acknowledge.body().path("message").asString()).contains("resolved");
    assertThat(changes(id, "tracker.incident.resolved")).hasSize(1);
    assertThat(awaitIncident("order-operator", "RESOLVED")).isEqualTo(resolved.body());
  }

  @Test
  void shouldAnswerUnknownIncidentsAndBadParametersAsJsonErrors() throws Exception {
    // when
    Response unknown = post("/api/incidents/no-such-incident/acknowledge");
    Response unknownResolve = post("/api/incidents/no-such-incident/resolve");
    Response badStatus = get("/api/incidents?status=OPEN,CLOSED");
    Response badType = get("/api/incidents?type=LATE");
    Response badSize = get("/api/incidents?size=501");
    Response badCursor = get("/api/incidents?cursor=not-a-cursor");

    // then
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().path("message").asString()).contains("no-such-incident");
    assertThat(unknownResolve.status()).isEqualTo(404);
    for (Response r : List.of(badStatus, badType, badSize, badCursor)) {
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body().path("status").asInt()).isEqualTo(400);
      assertThat(r.body().path("error").asString()).isEqualTo("Bad Request");
    }
    assertThat(badStatus.body().path("message").asString()).contains("CLOSED").contains("ACKNOWLEDGED");
  }

  @Test
  void shouldPageThroughIncidentsNewestFirstWithACursor() throws Exception {
    // given three stuck instances
    for (int i = 1; i <= 3; i++) {
      send("orders", "Placed", "page-" + i, "order-page-" + i, Instant.now());
    }
    for (int i = 1; i <= 3; i++) {
      awaitIncident("order-page-" + i, "OPEN");
    }
    List<String> all = new ArrayList<>();
    get("/api/incidents?type=STUCK,DEADLINE&process=" + PROCESS + "&size=500").body().path("items")
        .forEach(i -> all.add(i.path("id").asString()));

    // when
    List<String> paged = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = get("/api/incidents?type=STUCK,DEADLINE&process=" + PROCESS + "&size=1"
          + (cursor == null ? "" : "&cursor=" + cursor)).body();
      page.path("items").forEach(i -> paged.add(i.path("id").asString()));
      cursor = page.path("next").isString() ? page.path("next").asString() : null;
      pages++;
    } while (cursor != null && pages < 100);

    // then
    assertThat(all).hasSizeGreaterThanOrEqualTo(3);
    assertThat(paged).containsExactlyElementsOf(all);
    List<Instant> opened = new ArrayList<>();
    get("/api/incidents?type=STUCK&process=" + PROCESS).body().path("items")
        .forEach(i -> opened.add(Instant.parse(i.path("openedAt").asString())));
    assertThat(opened).isSortedAccordingTo((a, b) -> b.compareTo(a));
  }

  @Test
  void shouldNotifyAWebhookOnceOfTheOpenAndOnceOfTheResolveOfAStuckThenRecoveredInstance() throws Exception {
    // given
    send("orders", "Placed", "hook-1", "order-hook", Instant.now());
    JsonNode listed = awaitIncident("order-hook", "OPEN");
    String id = listed.path("id").asString();

    // when
    send("payments", "Paid", "hook-2", "order-hook", Instant.now());
    await().atMost(Duration.ofSeconds(30)).until(() -> accepted.contains(id + "/RESOLVED/1"));
    Thread.sleep(2_000); // room for a duplicate to show up

    // then
    assertThat(accepted.stream().filter(k -> k.startsWith(id + "/")).toList())
        .containsExactly(id + "/OPENED/1", id + "/RESOLVED/1");
    assertThat(attempts.get(id + "/OPENED/1").get()).isEqualTo(REFUSED_ATTEMPTS_PER_NOTIFICATION + 1);
    assertThat(attempts.get(id + "/RESOLVED/1").get()).isEqualTo(REFUSED_ATTEMPTS_PER_NOTIFICATION + 1);
    assertThat(acceptedTypes).as("acknowledgements are no notifications")
        .doesNotContain("tracker.incident.acknowledged");
  }

  @Test
  void shouldEndAStuckMessageWithTheObservedP95OfTheStep() throws Exception {
    // given instances that paid after about 300 ms
    for (int i = 1; i <= 3; i++) {
      Instant placed = Instant.now();
      send("orders", "Placed", "hint-placed-" + i, "order-hint-" + i, placed);
      send("payments", "Paid", "hint-paid-" + i, "order-hint-" + i, placed.plusMillis(300));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> p95OfPaid() != null);
    Thread.sleep(1_500); // the next refresh of the figures

    // when
    send("orders", "Placed", "hint-stuck", "order-hint-stuck", Instant.now());
    JsonNode stuck = awaitIncident("order-hint-stuck", "OPEN");

    // then
    assertThat(stuck.path("message").asString())
        .startsWith("waiting ").contains(" for paid (Paid on " + SCOPE.topic("payments") + "); due after 1s")
        .containsPattern("; p95 of this step is \\d[0-9a-z]*$");
  }

  private Double p95OfPaid() throws Exception {
    for (JsonNode step : get("/api/processes/" + PROCESS).body().path("steps")) {
      JsonNode p95 = step.path("durationMs").path("p95");
      if ("paid".equals(step.path("id").asString()) && p95.isNumber()) {
        return p95.asDouble();
      }
    }
    return null;
  }

  /** The incident of this trace as the API lists it, once it has this status. */
  private JsonNode awaitIncident(String traceId, String status) {
    List<JsonNode> found = new ArrayList<>();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      found.clear();
      get("/api/incidents?status=" + status + "&type=STUCK&process=" + PROCESS + "&size=500").body().path("items")
          .forEach(i -> {
            if (traceId.equals(i.path("traceId").asString())) {
              found.add(i);
            }
          });
      return found.size() == 1;
    });
    return found.get(0);
  }

  private static List<TrackerTopicReader.Received> changes(String incidentId, String type) {
    return reader.matching(r -> r.topic().equals(SCOPE.incidentsTopic())
        && incidentId.equals(r.value().path("data").path("id").asString())
        && type.equals(r.value().path("type").asString()));
  }

  private void send(String topic, String type, String id, String orderId, Instant time) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("id", id);
    body.put("orderId", orderId);
    body.put("time", time.toString());
    producer.send(new ProducerRecord<>(SCOPE.topic(topic), id, JSON.writeValueAsBytes(body)));
    producer.flush();
  }

  record Response(int status, JsonNode body) {}

  private Response get(String path) throws Exception {
    return call(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build());
  }

  private Response post(String path) throws Exception {
    return call(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private Response call(HttpRequest request) throws Exception {
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), JSON.readTree(r.body()));
  }
}
