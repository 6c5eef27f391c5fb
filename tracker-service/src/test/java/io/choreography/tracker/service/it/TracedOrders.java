package io.choreography.tracker.service.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The scenario of the OpenTelemetry integration tests: a three-step shipment correlated by the W3C trace context,
 * each event sent with the {@code traceparent} of its producer's span, all in the order's trace.
 */
final class TracedOrders {

  static final String PROCESS = "shipment";
  static final List<String> STEPS = List.of("placed", "paid", "shipped");
  static final String DEFINITION = """
      id: shipment
      correlation: [ { header: traceparent }, { json: /orderId } ]
      eventType: [ { json: /type } ]
      steps:
        - id: placed
          on: { topic: %1$sorders, type: OrderPlaced }
        - id: paid
          on: { topic: %1$spayments, type: PaymentReceived }
          after: [placed]
        - id: shipped
          on: { topic: %1$sorders, type: OrderShipped }
          after: [paid]
          end: completed
      """;

  private TracedOrders() {}

  /**
   * The scope's properties with this definition, its topics created, spans exported to the receiver every 200 ms
   * and instance traces on.
   */
  static void register(TestScope scope, DynamicPropertyRegistry registry, TestOtlpReceiver receiver)
      throws Exception {
    scope.register(registry);
    registry.add("otel.exporter.otlp.endpoint", receiver::endpoint);
    registry.add("otel.bsp.schedule.delay", () -> "200");
    registry.add("tracker.tracing.instances", () -> "true");
    registry.add("tracker.tracing.instances-group-id", () -> "it-" + scope.indexPrefix() + "-traces");
    registry.add("tracker.definitions", () -> TestDefinitions.write("shipment.yaml",
        DEFINITION.formatted(scope.topicPrefix())));
    TestKafka.createTopics(scope.infrastructure().kafkaBootstrapServers(), 2,
        List.of(scope.topic("orders"), scope.topic("payments")));
  }

  static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  /**
   * Sends the order's three events, keyed by the order id, each with the traceparent of a new producer span in trace
   * {@code traceId}; answers "traceId-spanId" of those producer spans, in the order sent.
   */
  static List<String> send(TestScope scope, String traceId, String orderId) throws Exception {
    List<String> producers = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> p = TestKafka.rawProducer(scope.infrastructure().kafkaBootstrapServers())) {
      String[][] events = {{"orders", "OrderPlaced"}, {"payments", "PaymentReceived"}, {"orders", "OrderShipped"}};
      for (String[] e : events) {
        String spanId = randomHex(8);
        String json = "{\"orderId\":\"" + orderId + "\",\"type\":\"" + e[1] + "\"}";
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(scope.topic(e[0]),
            orderId.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
        r.headers().add("traceparent", ("00-" + traceId + "-" + spanId + "-01").getBytes(StandardCharsets.UTF_8));
        p.send(r).get();
        producers.add(traceId + "-" + spanId);
      }
    }
    return producers;
  }

  /** The instance's document from the API, or "" while there is none. */
  static String instance(int port, String traceId) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/api/instances/" + PROCESS + "/" + traceId)).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200 ? r.body() : "";
  }
}
