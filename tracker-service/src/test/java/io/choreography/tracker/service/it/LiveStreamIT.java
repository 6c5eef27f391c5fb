package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /api/stream}: events, instance changes and incidents reach connected clients as they happen. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveStreamIT {

  static final TestScope SCOPE = TestScope.create("stream");
  static final String ORDERS = SCOPE.topic("orders");
  static final String INSTANCES = SCOPE.instancesTopic();
  static final String INCIDENTS = SCOPE.incidentsTopic();
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 2, List.of(ORDERS, INSTANCES, INCIDENTS));
    SCOPE.register(registry);
  }

  @LocalServerPort int port;

  @Test
  void shouldDeliverAnEventProducedToKafkaToAConnectedClientWithinOneSecond() throws Exception {
    // given: a client connected, and the indexer reading (a first event has come through)
    String warmUp = "11111111111111111111111111111111";
    String traceId = "0af7651916cd43dd8448eb211c80319c";
    try (SseTestClient warm = new SseTestClient(url("/api/stream?traceId=" + warmUp));
        SseTestClient client = new SseTestClient(url("/api/stream?traceId=" + traceId));
        KafkaProducer<String, byte[]> producer = TestKafka.producer(SCOPE.infrastructure().kafkaBootstrapServers())) {
      assertThat(client.next("comment", Duration.ofSeconds(10))).as("connected").isNotNull();
      producer.send(orderPlaced(warmUp)).get();
      assertThat(warm.next("event", Duration.ofSeconds(30))).as("warm-up event").isNotNull();

      // when
      long producedAt = System.nanoTime();
      producer.send(orderPlaced("22222222222222222222222222222222")); // someone else's: filtered out
      producer.send(orderPlaced(traceId)).get();
      SseTestClient.Received event = client.next("event", Duration.ofSeconds(5));

      // then
      assertThat(event).as("the event on the stream").isNotNull();
      long latencyMs = (event.arrivedNanos() - producedAt) / 1_000_000;
      System.out.println("live stream latency from produce to client: " + latencyMs + " ms");
      assertThat(latencyMs).isLessThan(1_000);
      JsonNode document = JSON.readTree(event.data());
      assertThat(document.path("traceId").asString()).isEqualTo(traceId);
      assertThat(document.path("topic").asString()).isEqualTo(ORDERS);
      assertThat(document.path("step").asString()).isEqualTo("order-placed");
      assertThat(client.next("event", Duration.ofMillis(500))).as("only the asked-for trace").isNull();
    }
  }

  @Test
  void shouldStreamInstanceChangesAndIncidentsOfTheAskedForProcess() throws Exception {
    // given
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    try (SseTestClient client = new SseTestClient(url("/api/stream?process=order-fulfillment"))) {
      assertThat(client.next("comment", Duration.ofSeconds(10))).as("connected").isNotNull();
      Thread.sleep(3_000); // the topic reader joins its own group and starts at the latest offset

      // when
      TrackerTopicRecords.sendCommitted(SCOPE.infrastructure().kafkaBootstrapServers(), List.of(
          TrackerTopicRecords.instance(INSTANCES, "billing", traceId, "RUNNING"),
          TrackerTopicRecords.instance(INSTANCES, "order-fulfillment", traceId, "RUNNING"),
          TrackerTopicRecords.incident(INCIDENTS, "OPENED", "order-fulfillment/" + traceId + "/STUCK/payment-received",
              1, "STUCK", "order-fulfillment", traceId, "payment-received", "waiting for payment-received")));

      // then
      SseTestClient.Received instance = client.next("instance", Duration.ofSeconds(10));
      assertThat(instance).isNotNull();
      assertThat(JSON.readTree(instance.data()).path("process").asString()).isEqualTo("order-fulfillment");
      SseTestClient.Received incident = client.next("incident", Duration.ofSeconds(10));
      assertThat(incident).isNotNull();
      assertThat(JSON.readTree(incident.data()).path("type").asString()).isEqualTo("tracker.incident.opened");
      assertThat(client.next("instance", Duration.ofMillis(500))).as("billing is filtered out").isNull();
    }
  }

  @Test
  void shouldGiveAClientThatReconnectsWithLastEventIdWhatItMissedWhileAway() throws Exception {
    // given: a client that got a first event of its trace, and its id
    String traceId = "5ce0e9a56015fec5aadfa328ae398115";
    String lastEventId;
    try (SseTestClient client = new SseTestClient(url("/api/stream?traceId=" + traceId));
        KafkaProducer<String, byte[]> producer = TestKafka.producer(SCOPE.infrastructure().kafkaBootstrapServers())) {
      assertThat(client.next("comment", Duration.ofSeconds(10))).as("connected").isNotNull();
      producer.send(orderPlaced(traceId, "first")).get();
      SseTestClient.Received first = client.next("event", Duration.ofSeconds(30));
      assertThat(first).isNotNull();
      assertThat(first.id()).as("an SSE id").isNotBlank();
      lastEventId = first.id();
    }

    // when: 5 s away, while two more events of the trace happen, then back with the last id it got
    long away = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = TestKafka.producer(SCOPE.infrastructure().kafkaBootstrapServers())) {
      producer.send(orderPlaced(traceId, "second")).get();
      producer.send(orderPlaced(traceId, "third")).get();
    }
    Thread.sleep(Math.max(0, 5_000 - (System.nanoTime() - away) / 1_000_000));
    try (SseTestClient back = new SseTestClient(url("/api/stream?traceId=" + traceId), lastEventId)) {

      // then: the two it missed, in order, with later ids, and not the one it had; no "missed" event
      SseTestClient.Received second = back.next("event", Duration.ofSeconds(10));
      SseTestClient.Received third = back.next("event", Duration.ofSeconds(10));
      assertThat(second).isNotNull();
      assertThat(third).isNotNull();
      assertThat(JSON.readTree(second.data()).path("payload").path("note").asString()).isEqualTo("second");
      assertThat(JSON.readTree(third.data()).path("payload").path("note").asString()).isEqualTo("third");
      assertThat(List.of(second.id(), third.id())).doesNotContain(lastEventId).doesNotHaveDuplicates();
      assertThat(back.next("missed", Duration.ofMillis(300))).isNull();
      assertThat(back.next("event", Duration.ofMillis(500))).as("nothing it had already").isNull();
    }
  }

  @Test
  void shouldFirstGiveANewClientThatAsksForStatesTheKeptInstanceChangesOfItsTrace() throws Exception {
    // given: two changes of an instance and an event of its trace (of a type no step has, so that the tracker
    // itself publishes no change of that instance), dispatched while nobody listened
    String traceId = "6d1f0a9b2c3e4f5061728394a5b6c7d8";
    try (SseTestClient listener = new SseTestClient(url("/api/stream?traceId=" + traceId))) {
      assertThat(listener.next("comment", Duration.ofSeconds(10))).as("connected").isNotNull();
      Thread.sleep(3_000); // the topic reader joins its own group and starts at the latest offset
      try (KafkaProducer<String, byte[]> producer = TestKafka.producer(SCOPE.infrastructure().kafkaBootstrapServers())) {
        producer.send(new ProducerRecord<>(ORDERS, traceId, ("{\"type\":\"OrderNoted\",\"orderId\":\"" + traceId
            + "\"}").getBytes(StandardCharsets.UTF_8))).get();
      }
      TrackerTopicRecords.sendCommitted(SCOPE.infrastructure().kafkaBootstrapServers(), List.of(
          TrackerTopicRecords.instance(INSTANCES, "order-fulfillment", traceId, "RUNNING"),
          TrackerTopicRecords.instance(INSTANCES, "order-fulfillment", traceId, "COMPLETED")));
      assertThat(listener.next("event", Duration.ofSeconds(30))).as("dispatched").isNotNull();
      assertThat(listener.next("instance", Duration.ofSeconds(10))).isNotNull();
      assertThat(listener.next("instance", Duration.ofSeconds(10))).isNotNull();
    }

    // when: a new client asks for the states, another one does not
    try (SseTestClient states = new SseTestClient(url("/api/stream?traceId=" + traceId + "&states=true"));
        SseTestClient plain = new SseTestClient(url("/api/stream?traceId=" + traceId))) {

      // then: both changes, oldest first, and not the event; the plain client gets nothing of the past
      SseTestClient.Received running = states.next("instance", Duration.ofSeconds(10));
      SseTestClient.Received completed = states.next("instance", Duration.ofSeconds(10));
      assertThat(running).isNotNull();
      assertThat(completed).isNotNull();
      assertThat(JSON.readTree(running.data()).path("status").asString()).isEqualTo("RUNNING");
      assertThat(JSON.readTree(completed.data()).path("status").asString()).isEqualTo("COMPLETED");
      assertThat(states.next("event", Duration.ofMillis(500))).as("events are read from the API").isNull();
      assertThat(plain.next("comment", Duration.ofSeconds(10))).as("connected").isNotNull();
      assertThat(plain.next("instance", Duration.ofMillis(300))).as("only what happens from now on").isNull();
    }
  }

  @Test
  void shouldTellAClientWhoseLastEventIdIsNoLongerKeptThatItMissedSome() throws Exception {
    // when: an id of another epoch (a tracker that restarted since)
    try (SseTestClient back = new SseTestClient(url("/api/stream?traceId=0000000000000000000000000000abcd"),
        "k0zz1-42")) {

      // then
      SseTestClient.Received missed = back.next("missed", Duration.ofSeconds(10));
      assertThat(missed).isNotNull();
      assertThat(JSON.readTree(missed.data()).path("lastEventId").asString()).isEqualTo("k0zz1-42");
      assertThat(back.next("comment", Duration.ofSeconds(5))).as("still connected").isNotNull();
    }
  }

  @Test
  void shouldAnswer400AsJsonForABadProcessParameter() throws Exception {
    // when
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(url("/api/stream?process=Not%20A%20Process"))).header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("status").asInt()).isEqualTo(400);
    assertThat(body.path("message").asString()).contains("process must be a process id");
  }

  private ProducerRecord<String, byte[]> orderPlaced(String orderId) {
    return orderPlaced(orderId, "");
  }

  private ProducerRecord<String, byte[]> orderPlaced(String orderId, String note) {
    return new ProducerRecord<>(ORDERS, orderId, ("{\"type\":\"OrderPlaced\",\"orderId\":\"" + orderId
        + "\",\"note\":\"" + note + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
