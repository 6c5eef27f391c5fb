package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drift and conformance through the whole pipeline: the services emit a step the definition leaves out (an order
 * note, between placing and payment, none to three per order), some orders are paid twice (UNEXPECTED) and then
 * complete anyway. Drift lists exactly the left-out type with the number of notes sent on the orders' traces, not
 * those on a trace without an instance nor those without a trace id; conformance is the share of orders the test
 * knows went by the book.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProcessDriftIT {

  static final TestScope SCOPE = TestScope.create("drift");
  static final String PROCESS = "noted-orders";
  static final String DEFINITION = """
      id: noted-orders
      correlation: [ { json: /orderId } ]
      eventType: [ { json: /type } ]
      reorderWindow: 1s
      steps:
        - id: placed
          on: { topic: %1$sorders, type: OrderPlaced }
        - id: paid
          on: { topic: %1$spayments, type: PaymentReceived }
          after: [placed]
          within: 1h
        - id: shipped
          on: { topic: %1$sshipping, type: GoodsShipped }
          after: [paid]
          end: completed
      """;
  static final int ORDERS = 200;
  static final int PAID_TWICE = 30;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    SCOPE.register(registry);
    registry.add("tracker.definitions", () -> TestDefinitions.write("noted-orders.yaml",
        DEFINITION.formatted(SCOPE.topicPrefix())));
    registry.add("tracker.indexing.flush-interval", () -> "500ms");
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 3,
        List.of(SCOPE.topic("orders"), SCOPE.topic("payments"), SCOPE.topic("shipping")));
  }

  @LocalServerPort int port;

  @Test
  void shouldListTheLeftOutStepWithItsCountAndTheShareOfOrdersThatWentByTheBook() throws Exception {
    // given: a demo-like load whose ground truth the test keeps
    Random random = new Random(18);
    long notes = 0;
    try (KafkaProducer<byte[], byte[]> p = TestKafka.rawProducer(SCOPE.infrastructure().kafkaBootstrapServers())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      // each order's events 10 ms apart, as the services would have stamped them
      long t = System.currentTimeMillis() - 60_000;
      for (int i = 0; i < ORDERS; i++, t += 100) {
        String order = "order-" + i;
        sent.add(send(p, "orders", order, "OrderPlaced", t));
        // on the order's partition of the orders topic, so after its OrderPlaced
        int n = random.nextInt(4);
        for (int k = 0; k < n; k++) {
          sent.add(send(p, "orders", order, "OrderNoteAdded", t + 10 + k));
        }
        notes += n;
        sent.add(send(p, "payments", order, "PaymentReceived", t + 20));
        if (i < PAID_TWICE) {
          sent.add(send(p, "payments", order, "PaymentReceived", t + 30));
        }
        sent.add(send(p, "shipping", order, "GoodsShipped", t + 40));
      }
      // not drift of the process: a trace it has no instance of, and no trace at all
      sent.add(send(p, "orders", "order-never-placed", "OrderNoteAdded", t));
      sent.add(p.send(new ProducerRecord<>(SCOPE.topic("orders"), null,
          "{\"type\":\"OrderNoteAdded\"}".getBytes(StandardCharsets.UTF_8))));
      for (java.util.concurrent.Future<?> f : sent) {
        f.get();
      }
    }
    long expectedNotes = notes;

    // then: drift lists exactly the left-out type, counted over the topology's partitions
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      JsonNode unmodelled = get("/api/processes/" + PROCESS + "/drift").path("unmodelled");
      assertThat(unmodelled.size()).isEqualTo(1);
      assertThat(unmodelled.get(0).path("count").asLong()).isEqualTo(expectedNotes);
    });
    JsonNode type = get("/api/processes/" + PROCESS + "/drift").path("unmodelled").get(0);
    assertThat(type.path("topic").asString()).isEqualTo(SCOPE.topic("orders"));
    assertThat(type.path("type").asString()).isEqualTo("OrderNoteAdded");
    assertThat(type.path("example").path("traceId").asString()).startsWith("order-").isNotEqualTo("order-never-placed");
    assertThat(type.path("suggestedStep").asString()).isEqualTo("""
        - id: order-note-added
          on:
            topic: %s
            type: OrderNoteAdded
          after:
          - placed
        """.formatted(SCOPE.topic("orders")));
    assertThat(Duration.between(java.time.Instant.parse(type.path("firstSeen").asString()),
        java.time.Instant.parse(type.path("lastSeen").asString())).isNegative()).isFalse();

    // and conformance is the share the test knows: every order completed, the ones paid twice with an incident
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      JsonNode c = get("/api/processes/" + PROCESS).path("conformance");
      assertThat(c.path("ended").asLong()).isEqualTo(ORDERS);
      assertThat(c.path("withoutIncident").asLong()).as(c + " " + get("/api/incidents?process=" + PROCESS + "&size=5"))
          .isEqualTo(ORDERS - PAID_TWICE);
      assertThat(c.path("rate").asDouble()).isEqualTo((double) (ORDERS - PAID_TWICE) / ORDERS);
      assertThat(c.path("deviations").path("paid").path("unexpected").asLong()).isEqualTo(PAID_TWICE);
    });
  }

  private static java.util.concurrent.Future<?> send(KafkaProducer<byte[], byte[]> p, String topic, String order,
      String type, long timestamp) {
    String json = "{\"orderId\":\"" + order + "\",\"type\":\"" + type + "\"}";
    return p.send(new ProducerRecord<>(SCOPE.topic(topic), null, timestamp, order.getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8)));
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
