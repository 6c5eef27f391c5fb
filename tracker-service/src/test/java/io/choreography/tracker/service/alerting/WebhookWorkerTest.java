package io.choreography.tracker.service.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.choreography.tracker.service.it.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One webhook's deliveries against a plain HTTP receiver: retries, what is logged, what is counted. */
class WebhookWorkerTest {

  private static final String SECRET_PATH = "/services/T000/B000/s3cr3t-token";

  private final List<Integer> answers = new CopyOnWriteArrayList<>(); // consumed in order, then 200
  private HttpServer receiver;
  private WebhookWorker worker;

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(answers.isEmpty() ? 200 : answers.remove(0), -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.stop();
    }
    receiver.stop(0);
  }

  @Test
  void shouldLogEachFailedAttemptAtWarnNamingTheHostButNeverTheUrl() throws Exception {
    // given: a receiver that fails twice, then accepts
    answers.addAll(List.of(503, 429));
    URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + SECRET_PATH + "?token=xyz");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    start(url, new AlertingMetrics(registry, 0, url.getHost()));

    // when
    List<String> warnings;
    try (LogCapture log = new LogCapture()) {
      worker.submit(TestIncidentEvents.stuck("OPENED", "4bf9", Instant.now())).get(10, TimeUnit.SECONDS);
      warnings = log.warnings();
    }

    // then
    assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w)
        .contains("webhook 0 (127.0.0.1)").contains("failed").doesNotContain("s3cr3t").doesNotContain("token"));
    assertThat(warnings.get(0)).contains("HTTP 503");
    assertThat(registry.get("tracker.webhook.failed.attempts").counter().count()).isEqualTo(2);
    assertThat(registry.get("tracker.webhook.deliveries").tag("outcome", "delivered").counter().count()).isEqualTo(1);
  }

  @Test
  void shouldKeepTheUrlOutOfTheLogWhenTheConnectionFails() throws Exception {
    // given: nothing listens there any more
    int port = receiver.getAddress().getPort();
    receiver.stop(0);
    URI url = URI.create("http://127.0.0.1:" + port + SECRET_PATH);
    start(url, new AlertingMetrics(new SimpleMeterRegistry(), 0, url.getHost()));

    // when
    List<String> warnings;
    try (LogCapture log = new LogCapture()) {
      worker.submit(TestIncidentEvents.stuck("OPENED", "4bf9", Instant.now()));
      Thread.sleep(1_000);
      warnings = log.warnings();
    }

    // then
    assertThat(warnings).isNotEmpty().allSatisfy(w -> assertThat(w).contains("127.0.0.1").doesNotContain("s3cr3t"));
  }

  @Test
  void shouldDescribeDeliveriesOfBothOutcomesInOneHelpText() {
    // given
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    // when
    new AlertingMetrics(registry, 0, "hooks.example.com");
    String scrape = registry.scrape();

    // then
    assertThat(scrape).contains("# HELP tracker_webhook_deliveries_total " + AlertingMetrics.DELIVERIES);
    assertThat(AlertingMetrics.DELIVERIES).contains("delivered").contains("gave_up");
  }

  private void start(URI url, AlertingMetrics metrics) {
    worker = new WebhookWorker(0, new AlertingProperties.Webhook(url, AlertingProperties.Format.JSON, Map.of(), false),
        new AlertingProperties.Retry(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofHours(24)),
        Duration.ofSeconds(2), metrics, TestIncidentEvents.JSON, Clock.systemUTC());
    worker.start();
  }
}
