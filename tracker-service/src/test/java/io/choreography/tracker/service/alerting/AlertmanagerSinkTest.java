package io.choreography.tracker.service.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Alertmanager sender against a plain HTTP receiver that answers as told (the real Alertmanager: the IT). */
class AlertmanagerSinkTest {

  /** One request the receiver got: its path, headers of interest and body. */
  record Request(String path, String contentType, String upgrade, JsonNode body) {
    List<String> incidents() {
      List<String> ids = new ArrayList<>();
      body.forEach(a -> ids.add(a.path("labels").path("incident").asString()));
      return ids;
    }

    boolean resolves(String incident) {
      for (JsonNode a : body) {
        if (incident.equals(a.path("labels").path("incident").asString())) {
          return !a.path("endsAt").asString().startsWith("9999");
        }
      }
      return false;
    }
  }

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Integer> answers = new CopyOnWriteArrayList<>(); // consumed in order, then 200
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private HttpServer receiver;
  private AlertmanagerSink sink;

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      requests.add(new Request(exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Upgrade"),
          TestIncidentEvents.JSON.readTree(new String(body, StandardCharsets.UTF_8))));
      int status = answers.isEmpty() ? 200 : answers.remove(0);
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stop() {
    if (sink != null) {
      sink.stop();
    }
    receiver.stop(0);
  }

  @Test
  void shouldPostAChangeAsAJsonArrayOverHttp11AndRetryUntilAccepted() throws Exception {
    // given
    answers.addAll(List.of(503, 503));
    start(Duration.ofMinutes(1), Duration.ofHours(24));
    IncidentEvent opened = TestIncidentEvents.stuck("OPENED", "4bf9", Instant.now());

    // when
    sink.submit(opened).get(10, TimeUnit.SECONDS);

    // then
    assertThat(requests).hasSize(3).allSatisfy(r -> {
      assertThat(r.path()).isEqualTo("/am/api/v2/alerts");
      assertThat(r.contentType()).isEqualTo("application/json");
      assertThat(r.upgrade()).as("no HTTP/2 upgrade asked").isNull();
      assertThat(r.incidents()).containsExactly(opened.incidentId());
    });
    assertThat(counter("tracker.alertmanager.deliveries", "delivered")).isEqualTo(1);
    assertThat(registry.get("tracker.alertmanager.failed.attempts").counter().count()).isEqualTo(2);
  }

  @Test
  void shouldResendTheAlertsOfOpenIncidentsEveryIntervalButNotOfResolvedOnes() throws Exception {
    // given
    start(Duration.ofMillis(300), Duration.ofHours(24));
    Instant now = Instant.now();
    IncidentEvent a = TestIncidentEvents.stuck("OPENED", "a", now);
    IncidentEvent b = TestIncidentEvents.stuck("OPENED", "b", now);

    // when
    CompletableFuture.allOf(sink.submit(a), sink.submit(b),
        sink.submit(TestIncidentEvents.stuck("RESOLVED", "a", now))).get(10, TimeUnit.SECONDS);
    int changes = requests.size();

    // then: every change was sent, a's resolution last (in one request or several, as they were queued)
    List<Request> mentioningA = requests.stream().filter(r -> r.incidents().contains(a.incidentId())).toList();
    assertThat(mentioningA.get(mentioningA.size() - 1).resolves(a.incidentId())).isTrue();
    assertThat(requests).anySatisfy(r -> assertThat(r.incidents()).contains(b.incidentId()));
    await().atMost(Duration.ofSeconds(5)).until(() -> requests.size() >= changes + 2);
    assertThat(requests.subList(changes, requests.size())).allSatisfy(r ->
        assertThat(r.incidents()).containsExactly(b.incidentId()));
    assertThat(registry.get("tracker.alertmanager.open.alerts").gauge().value()).isEqualTo(1);
  }

  @Test
  void shouldGiveUpAChangeAlertmanagerRefusesForGood() throws Exception {
    // given
    answers.add(400);
    start(Duration.ofMinutes(1), Duration.ofHours(24));

    // when
    sink.submit(TestIncidentEvents.stuck("OPENED", "a", Instant.now())).get(10, TimeUnit.SECONDS);

    // then
    assertThat(requests).hasSize(1);
    assertThat(counter("tracker.alertmanager.deliveries", "gave_up")).isEqualTo(1);
  }

  @Test
  void shouldLeaveStaleChangesOfOpenIncidentsToTheResendsAndSendNothingForStaleResolutions() throws Exception {
    // given: history older than the maximum age, as a new consumer group reads it
    start(Duration.ofSeconds(1), Duration.ofHours(1));
    Instant old = Instant.now().minus(Duration.ofHours(2));

    // when
    CompletableFuture.allOf(sink.submit(TestIncidentEvents.stuck("OPENED", "still-open", old)),
        sink.submit(TestIncidentEvents.stuck("OPENED", "over", old)),
        sink.submit(TestIncidentEvents.stuck("RESOLVED", "over", old))).get(10, TimeUnit.SECONDS);

    // then: nothing sent at once; the open one is in the re-sends
    assertThat(requests).isEmpty();
    await().atMost(Duration.ofSeconds(5)).until(() -> !requests.isEmpty());
    assertThat(requests.get(0).incidents()).containsExactly("order-fulfillment/still-open/STUCK/payment-received");
  }

  @Test
  void shouldStopResendingWhatItKnewOnceThePartitionsAreRevoked() throws Exception {
    // given
    start(Duration.ofMillis(300), Duration.ofHours(24));
    sink.submit(TestIncidentEvents.stuck("OPENED", "a", Instant.now())).get(10, TimeUnit.SECONDS);

    // when
    sink.partitionsRevoked();
    sink.submit(TestIncidentEvents.stuck("OPENED", "b", Instant.now())).get(10, TimeUnit.SECONDS);
    int before = requests.size();

    // then
    await().atMost(Duration.ofSeconds(5)).until(() -> requests.size() > before);
    assertThat(requests.get(before).incidents()).containsExactly("order-fulfillment/b/STUCK/payment-received");
  }

  private void start(Duration resendInterval, Duration maxAge) {
    AlertingProperties.Alertmanager settings = new AlertingProperties.Alertmanager(
        URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/am/"), null, "g", resendInterval,
        Map.of(), Map.of(), Map.of());
    sink = new AlertmanagerSink(settings, new AlertingProperties.Retry(Duration.ofMillis(50), Duration.ofMillis(200),
        maxAge), Duration.ofSeconds(5), registry, TestIncidentEvents.JSON, Clock.systemUTC());
    sink.start();
  }

  private double counter(String name, String outcome) {
    return registry.get(name).tag("outcome", outcome).counter().count();
  }
}
