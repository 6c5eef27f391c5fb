package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.service.demo.DemoEmitters;
import io.choreography.tracker.service.demo.DemoOrder;
import io.choreography.tracker.service.ingest.EventIngestor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 10,000 events of 2,500 orders on four topics in four formats (CloudEvents binary, W3C traceparent, payload
 * field, CloudEvents structured), with the indexer restarted midway so that records are delivered again: every
 * event is in Elasticsearch exactly once and every trace is complete through the API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventIndexingIT {

  static final TestScope SCOPE = TestScope.create("indexing");
  static final int ORDERS = 2_500;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCOPE.register(registry);
  }

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired EventIngestor ingestor;

  @Test
  void shouldIndexEveryEventExactlyOnceAndServeEveryTraceComplete() throws Exception {
    // given
    String bootstrap = SCOPE.infrastructure().kafkaBootstrapServers();
    List<String> topics = DemoEmitters.TOPICS.stream().map(SCOPE::topic).toList();
    TestKafka.createTopics(bootstrap, 4, topics);
    List<DemoOrder> orders = new ArrayList<>();
    List<Future<RecordMetadata>> sent = new ArrayList<>();

    // when
    try (KafkaProducer<String, byte[]> producer = TestKafka.producer(bootstrap)) {
      DemoEmitters emit = new DemoEmitters(producer, json, SCOPE.topicPrefix());
      Instant t = Instant.parse("2026-11-20T10:00:00Z");
      for (int i = 0; i < ORDERS; i++) {
        DemoOrder order = DemoOrder.next(DemoOrder.Scenario.HAPPY);
        orders.add(order);
        sent.add(emit.checkout(order, "OrderPlaced", t.plusMillis(i), Map.of()));
        sent.add(emit.payment(order, "PaymentReceived", null, t.plusMillis(i + 1_000)));
        sent.add(emit.inventory(order, t.plusMillis(i + 2_000)));
        sent.add(emit.shipping(order, t.plusMillis(i + 3_000)));
        if (i == ORDERS / 2) {
          // a restart of the indexer midway: what it had not committed is delivered again
          producer.flush();
          ingestor.stop();
          ingestor.start();
        }
      }
      producer.flush();
    }
    Set<String> coordinates = new HashSet<>();
    for (Future<RecordMetadata> f : sent) {
      RecordMetadata m = f.get();
      coordinates.add(m.topic() + "-" + m.partition() + "-" + m.offset());
    }

    // then
    try (TestElasticsearch es = new TestElasticsearch(SCOPE.infrastructure().elasticsearchUri())) {
      String events = SCOPE.indexPrefix() + "-events-*";
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
          .until(() -> es.count(events) >= coordinates.size());
      assertThat(es.count(events)).isEqualTo(10_000);
      assertThat(es.ids(events)).isEqualTo(coordinates);
    }
    assertEveryTraceComplete(orders);
  }

  private void assertEveryTraceComplete(List<DemoOrder> orders) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    ConcurrentLinkedQueue<String> incomplete = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (DemoOrder order : orders) {
      pool.submit(() -> {
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(
              URI.create("http://localhost:" + port + "/api/traces/" + order.orderId())).build(),
              HttpResponse.BodyHandlers.ofString());
          JsonNode trace = json.readTree(r.body());
          List<String> steps = new ArrayList<>();
          Set<String> topicsSeen = new HashSet<>();
          for (JsonNode e : trace.path("events")) {
            steps.add(e.path("step").asString());
            topicsSeen.add(e.path("topic").asString());
          }
          if (r.statusCode() != 200 || topicsSeen.size() != 4
              || !steps.equals(List.of("order-placed", "payment-received", "goods-fetched", "goods-shipped"))) {
            incomplete.add(order.orderId() + " -> " + r.statusCode() + " " + steps);
          }
        } catch (Exception e) {
          incomplete.add(order.orderId() + " -> " + e);
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
    assertThat(incomplete).as("traces not complete through the API").isEmpty();
  }
}
