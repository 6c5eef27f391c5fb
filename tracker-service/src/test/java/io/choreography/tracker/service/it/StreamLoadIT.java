package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * 500 live-stream clients during a burst of 5,000 events: every client that keeps reading receives every event
 * of its filter (the whole stream, a process, one trace), every client that stopped reading is dropped with a
 * final event, nothing is logged as an error; prints the API's latency meanwhile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StreamLoadIT {

  static final TestScope SCOPE = TestScope.create("stream-load");
  static final String ORDERS = SCOPE.topic("orders");
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final int EVENTS = 5_000;
  static final int WHOLE_STREAM = 20;
  static final int PROCESS = 20;
  static final int ONE_TRACE = 450;
  static final int STALLED = 10;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 2, List.of(ORDERS));
    SCOPE.register(registry);
    registry.add("tracker.stream.max-clients", () -> "600");
    registry.add("tracker.stream.stall-timeout", () -> "5s");
    // stalled clients are looked for at every heartbeat: all of them are found within a second of each other
    registry.add("tracker.stream.heartbeat", () -> "1s");
  }

  @LocalServerPort int port;

  @Test
  void shouldServe500ClientsThroughABurst() throws Exception {
    // given
    List<String> traceIds = Burst.traceIds("load-" + SCOPE.indexPrefix(), EVENTS);
    List<StreamingClient> whole = new ArrayList<>();
    List<StreamingClient> process = new ArrayList<>();
    List<StreamingClient> oneTrace = new ArrayList<>();
    List<StreamingClient> stalled = new ArrayList<>();
    List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
    List<Long> baselineMicros = Collections.synchronizedList(new ArrayList<>());
    // the same burst without any stream client first: what the API's latency is without the stream's load
    List<String> baselineIds = Burst.traceIds("baseline-" + SCOPE.indexPrefix(), EVENTS);
    AtomicBoolean measuringBaseline = new AtomicBoolean(true);
    Thread baseline = new Thread(() -> measure(measuringBaseline, baselineMicros), "api-latency-baseline");
    baseline.start();
    Burst.produce(SCOPE.infrastructure().kafkaBootstrapServers(), ORDERS, baselineIds);
    // every baseline event indexed (not only the last trace known: its instance may be written before its event),
    // so that the clients below get none of them
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
        .until(() -> eventsIndexed() >= EVENTS);
    measuringBaseline.set(false);
    baseline.join();
    try (LogCapture log = new LogCapture()) {
      try {
        for (int i = 0; i < WHOLE_STREAM; i++) {
          whole.add(StreamingClient.reading(port, "/api/stream", null));
        }
        for (int i = 0; i < PROCESS; i++) {
          process.add(StreamingClient.reading(port, "/api/stream?process=order-fulfillment", null));
        }
        for (int i = 0; i < ONE_TRACE; i++) {
          oneTrace.add(StreamingClient.reading(port, "/api/stream?traceId=" + traceIds.get(i * 11), null));
        }
        for (int i = 0; i < STALLED; i++) {
          stalled.add(StreamingClient.stalled(port, "/api/stream", null));
        }
        int clients = WHOLE_STREAM + PROCESS + ONE_TRACE + STALLED;
        await().atMost(Duration.ofSeconds(60)).until(() -> streamClients() == clients);
        List<StreamingClient> readers = new ArrayList<>(whole);
        readers.addAll(process);

        // when: the burst, and API calls meanwhile
        AtomicBoolean measuring = new AtomicBoolean(true);
        Thread api = new Thread(() -> measure(measuring, latenciesMicros), "api-latency");
        api.start();
        // a dropped client that reads again within the stall timeout gets its last event; then it is disconnected
        Thread resume = new Thread(() -> {
          await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(50))
              .until(() -> streamClients() == clients - STALLED);
          stalled.forEach(StreamingClient::resume);
        }, "resume-stalled");
        resume.start();
        long start = System.nanoTime();
        Burst.produce(SCOPE.infrastructure().kafkaBootstrapServers(), ORDERS, traceIds);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() ->
            readers.stream().allMatch(c -> c.ended() || c.eventTraceIds().size() >= EVENTS)
                && oneTrace.stream().allMatch(c -> c.ended() || c.count("event") >= 1));
        long deliveredMs = (System.nanoTime() - start) / 1_000_000;
        measuring.set(false);
        api.join();

        // then: every reading client got everything of its filter
        for (StreamingClient c : readers) {
          assertThat(c.ended()).as("a reading client's stream ended: %s; %s clients dropped; errors logged: %s",
              c.describe(), clientsDropped(), log.errorsAndStackTraces()).isFalse();
          assertThat(c.eventTraceIds()).hasSize(EVENTS).containsAll(traceIds);
        }
        for (int i = 0; i < ONE_TRACE; i++) {
          assertThat(oneTrace.get(i).eventTraceIds()).containsExactly(traceIds.get(i * 11));
          assertThat(oneTrace.get(i).count("event")).isEqualTo(1);
        }

        // and: every stalled client was dropped with a final event
        resume.join();
        await().atMost(Duration.ofSeconds(30)).until(() -> stalled.stream().allMatch(StreamingClient::ended));
        for (StreamingClient c : stalled) {
          assertThat(c.lastName()).isEqualTo("dropped");
        }
        assertThat(log.errorsAndStackTraces()).as("errors and stack traces logged").isEmpty();

        List<Long> sorted = new ArrayList<>(latenciesMicros);
        Collections.sort(sorted);
        List<Long> sortedBaseline = new ArrayList<>(baselineMicros);
        Collections.sort(sortedBaseline);
        System.out.printf("stream load: %d clients, %d events delivered to every reader in %d ms; "
                + "GET /api/instances during the burst: %s; the same burst without stream clients: %s%n",
            clients, EVENTS, deliveredMs, summary(sorted), summary(sortedBaseline));
        assertThat(sorted).isNotEmpty();
      } finally {
        for (List<StreamingClient> group : List.of(whole, process, oneTrace, stalled)) {
          for (StreamingClient c : group) {
            c.close();
          }
        }
      }
    }
  }

  private void measure(AtomicBoolean measuring, List<Long> latenciesMicros) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/api/instances?process=order-fulfillment&size=50")).build();
    while (measuring.get()) {
      try {
        long t = System.nanoTime();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          latenciesMicros.add((System.nanoTime() - t) / 1_000);
        }
        Thread.sleep(20);
      } catch (Exception e) {
        return;
      }
    }
  }

  private static String summary(List<Long> sorted) {
    return String.format("%d calls, p50 %.1f ms, p99 %.1f ms, max %.1f ms", sorted.size(),
        percentile(sorted, 50) / 1000.0, percentile(sorted, 99) / 1000.0,
        sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1000.0);
  }

  /** The tracker's count of event documents Elasticsearch accepted. */
  private double eventsIndexed() throws Exception {
    RawHttp.Response r = RawHttp.exchange(port, "GET", "/actuator/metrics/tracker.events.indexed", Map.of());
    return r.status() == 200 ? JSON.readTree(r.body()).path("measurements").path(0).path("value").asDouble(0) : 0;
  }

  private static double percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private double clientsDropped() throws Exception {
    RawHttp.Response r = RawHttp.exchange(port, "GET", "/actuator/metrics/tracker.stream.clients.dropped", Map.of());
    return JSON.readTree(r.body()).path("measurements").path(0).path("value").asDouble(-1);
  }

  private double streamClients() throws Exception {
    RawHttp.Response r = RawHttp.exchange(port, "GET", "/actuator/metrics/tracker.stream.clients", Map.of());
    return JSON.readTree(r.body()).path("measurements").path(0).path("value").asDouble(-1);
  }
}
