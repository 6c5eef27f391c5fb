package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.service.kafka.SinkContainer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Single records that used to stop a part of the pipeline for good, each followed by a normal event that must still
 * be indexed and tracked: a 1.2 MB record Elasticsearch refuses whose dead letter the broker finds too large, a trace
 * id of 40,000 characters, one of 100 CJK characters (longer than an Elasticsearch id once percent-encoded), and
 * record timestamps one day apart from 2000 on. Then the event indexer stopped by force: health must say so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonPillsIT {

  static final TestScope SCOPE = TestScope.create("poison");
  static final String ORDERS = SCOPE.topic("orders");
  static final String DEAD_LETTERS = "tracker.dead-letter." + SCOPE.indexPrefix().substring(3);
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    SCOPE.register(registry);
    String bootstrap = SCOPE.infrastructure().kafkaBootstrapServers();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      // Records stamped 2000 and 2001 each begin a segment of their own (the broker rolls a segment whose first
      // record is older than log.roll.ms), which the broker's next retention check deletes: kept here, since the
      // first test reads one back for its dead letter.
      admin.createTopics(List.of(new NewTopic(ORDERS, Optional.of(1), Optional.empty())
          .configs(Map.of("retention.ms", "-1")))).all().get();
      // a dead-letter topic that takes what a broker with default settings takes: 1 MB
      admin.createTopics(List.of(new NewTopic(DEAD_LETTERS, Optional.of(1), Optional.empty())
          .configs(Map.of("max.message.bytes", Integer.toString(1024 * 1024))))).all().get();
    }
  }

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;
  @Autowired @Qualifier("eventIndexer") SinkContainer eventIndexer;

  @Test
  @Order(1)
  void shouldDeadLetterARefusedRecordTooLargeForTheDeadLetterTopicInReducedFormAndGoOn() throws Exception {
    // given: records stamped years ago go to one index, made here so that Elasticsearch refuses them for good
    String outside = "/" + SCOPE.indexPrefix() + "-events-outside-window";
    try (TestElasticsearch es = new TestElasticsearch(SCOPE.infrastructure().elasticsearchUri())) {
      es.call("PUT", outside, "{\"mappings\":{\"properties\":{\"topic\":{\"type\":\"long\"}}}}");
    }
    try {
      byte[] big = ("{\"type\":\"" + "T".repeat(40_000) + "\",\"orderId\":\"big\",\"blob\":\""
          + "x".repeat(1_200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
      long year2001 = Instant.parse("2001-01-01T12:00:00Z").toEpochMilli();

      // when
      String refused = send(new ProducerRecord<>(ORDERS, null, year2001, "k".getBytes(), big));
      String after = send(order("after-big"));

      // then: the next event is indexed, the refused one is a reduced dead letter, counted
      awaitIndexed(after);
      ConsumerRecord<byte[], byte[]> dead = deadLetter(refused);
      assertThat(header(dead, "tracker.dead-letter.reason")).startsWith("refused by Elasticsearch: 400");
      assertThat(header(dead, "tracker.dead-letter.reduced")).isEqualTo("true");
      assertThat(header(dead, "tracker.dead-letter.value-bytes")).isEqualTo(Integer.toString(big.length));
      assertThat(dead.value()).hasSize(64 * 1024);
      assertThat(meters.counter("tracker.events.failed").count()).isEqualTo(1);
      assertThat(meters.counter("tracker.events.refused", "value", "type").count()).isEqualTo(1);

      // when: the indexer restarts, as after a crash: the record is not a poison pill on the way back either
      eventIndexer.stop();
      eventIndexer.start();
      String afterRestart = send(order("after-restart"));

      // then
      awaitIndexed(afterRestart);
      assertThat(meters.counter("tracker.events.failed").count()).isEqualTo(1);
    } finally {
      // the index refuses every old record: left behind, it would refuse the later tests' records too
      try (TestElasticsearch es = new TestElasticsearch(SCOPE.infrastructure().elasticsearchUri())) {
        es.call("DELETE", outside, null);
      }
    }
  }

  @Test
  @Order(2)
  void shouldRefuseAnOverlongTraceIdAndKeepWritingInstances() throws Exception {
    // when: a trace id of 40,000 characters, then a normal order
    String poison = send(new ProducerRecord<>(ORDERS, null,
        ("{\"orderId\":\"" + "h".repeat(40_000) + "\",\"type\":\"OrderPlaced\"}").getBytes(StandardCharsets.UTF_8)));
    send(order("after-long-id"));

    // then: the normal order's instance is written; the poison event is indexed, uncorrelated, with the reason
    JsonNode instance = awaitInstance("after-long-id");
    assertThat(instance.path("status").asString()).isEqualTo("RUNNING");
    JsonNode doc = awaitIndexed(poison);
    assertThat(doc.has("traceId")).isFalse();
    assertThat(doc.path("problems").toString()).contains("trace id refused: longer than 256 characters (40000)");
    assertThat(meters.counter("tracker.events.refused", "value", "trace_id").count()).isEqualTo(1);
  }

  @Test
  @Order(3)
  void shouldTrackAndServeATraceIdLongerThanAnElasticsearchIdOncePercentEncoded() throws Exception {
    // given: 100 CJK characters are 300 bytes, 900 characters percent-encoded
    String traceId = "注".repeat(100);

    // when
    send(order(traceId));

    // then
    JsonNode instance = awaitInstance(traceId);
    assertThat(instance.path("traceId").asString()).isEqualTo(traceId);
  }

  @Test
  @Order(4)
  void shouldNotOpenAnIndexPerDayOfAnyTimestampAProducerWrites() throws Exception {
    // when: 1,000 records stamped one day apart from 2000-01-01 on
    long start = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    List<String> sent = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = TestKafka.rawProducer(SCOPE.infrastructure().kafkaBootstrapServers())) {
      List<java.util.concurrent.Future<RecordMetadata>> futures = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        futures.add(producer.send(new ProducerRecord<>(ORDERS, null, start + i * 86_400_000L, null,
            ("{\"type\":\"Unrelated\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8))));
      }
      for (var f : futures) {
        RecordMetadata m = f.get();
        sent.add(m.topic() + "-" + m.partition() + "-" + m.offset());
      }
    }
    String after = send(order("after-old-timestamps"));

    // then: every record is indexed, in at most the daily indices of the last 30 days and the one outside them
    awaitIndexed(after);
    try (TestElasticsearch es = new TestElasticsearch(SCOPE.infrastructure().elasticsearchUri())) {
      await().atMost(Duration.ofSeconds(60)).until(() -> es.ids(SCOPE.indexPrefix() + "-events-*").containsAll(sent));
      JsonNode indices = es.call("GET", "/_cat/indices/" + SCOPE.indexPrefix() + "-events-*?format=json", null);
      assertThat(indices.size()).as("events indices: %s", indices).isLessThanOrEqualTo(32);
    }
  }

  @Test
  @Order(5)
  void shouldNotBeUpWithinTenSecondsOfTheEventIndexerStoppingByForce() throws Exception {
    // given
    await().atMost(Duration.ofSeconds(30)).until(() -> health().path("components").path("pipeline")
        .path("status").asString().equals("UP"));

    // when
    long stopped = System.nanoTime();
    eventIndexer.stop();
    try {
      // then
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
          .until(() -> !health().path("status").asString().equals("UP"));
      System.out.printf("health not UP %d ms after the event indexer stopped%n",
          (System.nanoTime() - stopped) / 1_000_000);
      JsonNode pipeline = health().path("components").path("pipeline");
      assertThat(pipeline.path("status").asString()).isEqualTo("DOWN");
      assertThat(pipeline.path("details").path("event-indexer").asString()).startsWith("DOWN");
      assertThat(meters.get("tracker.pipeline.up").gauge().value()).isZero();
    } finally {
      eventIndexer.start();
    }
  }

  private JsonNode health() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  private static ProducerRecord<byte[], byte[]> order(String orderId) {
    return new ProducerRecord<>(ORDERS, null, ("{\"orderId\":\"" + orderId + "\",\"type\":\"OrderPlaced\",\"id\":\"e-"
        + orderId.hashCode() + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  private static String send(ProducerRecord<byte[], byte[]> record) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = TestKafka.rawProducer(SCOPE.infrastructure().kafkaBootstrapServers())) {
      RecordMetadata m = producer.send(record).get();
      return m.topic() + "-" + m.partition() + "-" + m.offset();
    }
  }

  private static JsonNode awaitIndexed(String coordinates) {
    try (TestElasticsearch es = new TestElasticsearch(SCOPE.infrastructure().elasticsearchUri())) {
      String events = SCOPE.indexPrefix() + "-events-*";
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
          .until(() -> es.ids(events).contains(coordinates));
      return es.source(events, "_id", coordinates);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonNode awaitInstance(String traceId) {
    try (TestElasticsearch es = new TestElasticsearch(SCOPE.infrastructure().elasticsearchUri())) {
      String instances = SCOPE.indexPrefix() + "-instances";
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
          .until(() -> es.source(instances, "traceId", traceId) != null);
      return es.source(instances, "traceId", traceId);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ConsumerRecord<byte[], byte[]> deadLetter(String coordinates) {
    try (KafkaConsumer<byte[], byte[]> consumer = TestKafka.consumer(SCOPE.infrastructure().kafkaBootstrapServers(),
        "check-" + SCOPE.indexPrefix())) {
      consumer.subscribe(List.of(DEAD_LETTERS));
      List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        consumer.poll(Duration.ofMillis(500)).forEach(dead::add);
        return dead.stream().anyMatch(r -> coordinates.equals(source(r)));
      });
      return dead.stream().filter(r -> coordinates.equals(source(r))).findFirst().orElseThrow();
    }
  }

  private static String source(ConsumerRecord<byte[], byte[]> r) {
    return header(r, "tracker.dead-letter.topic") + "-" + header(r, "tracker.dead-letter.partition") + "-"
        + header(r, "tracker.dead-letter.offset");
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
