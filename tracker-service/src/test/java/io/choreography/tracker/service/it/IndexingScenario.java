package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.service.demo.DemoEmitters;
import io.choreography.tracker.service.demo.DemoOrder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Orders of the demo process on four topics in four formats (CloudEvents binary, W3C traceparent, payload field,
 * CloudEvents structured), then the checks: every event in Elasticsearch exactly once, every trace complete
 * through the API. Written once, run against every kind of infrastructure.
 */
final class IndexingScenario {

  private final String bootstrap;
  private final String elasticsearchUri;
  private final String topicPrefix;
  private final String indexPrefix;
  private final JsonMapper json;

  IndexingScenario(String bootstrap, String elasticsearchUri, String topicPrefix, String indexPrefix, JsonMapper json) {
    this.bootstrap = bootstrap;
    this.elasticsearchUri = elasticsearchUri;
    this.topicPrefix = topicPrefix;
    this.indexPrefix = indexPrefix;
    this.json = json;
  }

  /** Produces {@code orders} orders of four events each; runs {@code midway} after half of them. */
  void run(int orders, int apiPort, Runnable midway) throws Exception {
    // given
    List<String> topics = DemoEmitters.TOPICS.stream().map(t -> topicPrefix + t).toList();
    TestKafka.createTopics(bootstrap, 4, topics);
    List<DemoOrder> placed = new ArrayList<>();
    List<Future<RecordMetadata>> sent = new ArrayList<>();

    // when
    try (KafkaProducer<String, byte[]> producer = TestKafka.producer(bootstrap)) {
      DemoEmitters emit = new DemoEmitters(producer, json, topicPrefix);
      // event times of the last minute: with a fixed date, the orders became older than the definition's 14-day
      // escalation once that much time had passed, and each one still open when read got a DelayNotice
      Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
      for (int i = 0; i < orders; i++) {
        DemoOrder order = DemoOrder.next(DemoOrder.Scenario.HAPPY);
        placed.add(order);
        sent.add(emit.checkout(order, "OrderPlaced", t.plusMillis(i), Map.of()));
        sent.add(emit.payment(order, "PaymentReceived", null, t.plusMillis(i + 1_000)));
        sent.add(emit.inventory(order, t.plusMillis(i + 2_000)));
        sent.add(emit.shipping(order, t.plusMillis(i + 3_000)));
        if (i == orders / 2) {
          producer.flush();
          midway.run();
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
    try (TestElasticsearch es = new TestElasticsearch(elasticsearchUri)) {
      String events = indexPrefix + "-events-*";
      // only the scenario's topics: the tracker's own escalations (to customer-notifications, a topic it reads like
      // any other) land in the same indices
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
          .until(() -> es.count(events, "topic", topics) >= coordinates.size());
      assertThat(es.count(events, "topic", topics)).isEqualTo(orders * 4L);
      assertThat(es.ids(events, "topic", topics)).isEqualTo(coordinates);
    }
    assertEveryTraceComplete(placed, apiPort);
  }

  private void assertEveryTraceComplete(List<DemoOrder> orders, int port) throws Exception {
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
