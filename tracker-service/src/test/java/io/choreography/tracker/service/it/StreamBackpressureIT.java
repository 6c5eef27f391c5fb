package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A burst of 5,000 events (more than one indexed batch): a live-stream client that keeps reading receives every
 * one of them; a client that stopped reading is dropped, and its last event says so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StreamBackpressureIT {

  static final TestScope SCOPE = TestScope.create("stream-burst");
  static final String ORDERS = SCOPE.topic("orders");
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 2, List.of(ORDERS));
    SCOPE.register(registry);
    registry.add("tracker.stream.stall-timeout", () -> "5s");
  }

  @LocalServerPort int port;

  @Test
  void shouldDeliverEveryEventOfABurstToAReadingClientAndDropAStalledOneWithAFinalEvent() throws Exception {
    // given
    List<String> traceIds = Burst.traceIds("burst-" + SCOPE.indexPrefix(), 5_000);
    try (StreamingClient reader = StreamingClient.reading(port, "/api/stream?process=order-fulfillment", null);
        StreamingClient stalled = StreamingClient.stalled(port, "/api/stream", null)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> reader.count("comment") > 0 && streamClients() == 2);

      // when
      Burst.produce(SCOPE.infrastructure().kafkaBootstrapServers(), ORDERS, traceIds);

      // then: the reader gets every event
      await().atMost(Duration.ofSeconds(120)).until(() -> reader.eventTraceIds().size() >= traceIds.size()
          || reader.ended());
      assertThat(reader.ended()).as("reader dropped after %s events", reader.count("event")).isFalse();
      assertThat(reader.eventTraceIds()).containsAll(traceIds);
      assertThat(reader.count("dropped")).isZero();

      // and: the stalled client was dropped; once it reads again, its last event says why and the stream ends
      await().atMost(Duration.ofSeconds(60)).until(() -> streamClients() == 1);
      stalled.resume();
      await().atMost(Duration.ofSeconds(30)).until(stalled::ended);
      assertThat(stalled.lastName()).isEqualTo("dropped");
      assertThat(JSON.readTree(stalled.lastData()).path("reason").asString()).isNotBlank();
      System.out.println("stalled client: " + stalled.count("event") + " events, then dropped: "
          + stalled.lastData());
    }
  }

  private double streamClients() throws Exception {
    RawHttp.Response r = RawHttp.exchange(port, "GET", "/actuator/metrics/tracker.stream.clients", Map.of());
    return JSON.readTree(r.body()).path("measurements").path(0).path("value").asDouble(-1);
  }
}
