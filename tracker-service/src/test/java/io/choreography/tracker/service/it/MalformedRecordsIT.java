package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Bad input never stops the pipeline: invalid JSON, empty and null values, binary, a 5 MB value, deeply nested
 * JSON and garbage headers are indexed as text, base64 or empty and counted; a record Elasticsearch refuses goes
 * to the dead-letter topic with the reason, counted; and the valid event after all of them is indexed.
 */
@SpringBootTest
class MalformedRecordsIT {

  static final TestScope SCOPE = TestScope.create("malformed");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCOPE.register(registry);
  }

  @Autowired MeterRegistry meters;

  @Test
  void shouldIndexOrDeadLetterEveryBadRecordAndKeepConsuming() throws Exception {
    // given
    String bootstrap = SCOPE.infrastructure().kafkaBootstrapServers();
    String topic = SCOPE.topic("orders");
    TestKafka.createTopics(bootstrap, 1, List.of(topic));
    // records stamped years ago all go to one index: made here with a mapping that cannot take the tracker's
    // documents, so that Elasticsearch refuses them for good
    String refusedIndex = SCOPE.indexPrefix() + "-events-outside-window";
    long refusedTimestamp = Instant.parse("2001-01-01T12:00:00Z").toEpochMilli();
    try (TestElasticsearch es = new TestElasticsearch(SCOPE.infrastructure().elasticsearchUri())) {
      es.call("PUT", "/" + refusedIndex, "{\"mappings\":{\"properties\":{\"topic\":{\"type\":\"long\"}}}}");
    }
    String nested = "[".repeat(100_000) + "]".repeat(100_000);
    byte[] fiveMegabytes = ("{\"type\":\"OrderPlaced\",\"orderId\":\"big\",\"blob\":\"" + "x".repeat(5 * 1024 * 1024)
        + "\"}").getBytes(StandardCharsets.UTF_8);
    Map<String, ProducerRecord<byte[], byte[]>> cases = new java.util.LinkedHashMap<>();
    cases.put("invalid json", record(topic, "{\"orderId\": \"o-1\", broken".getBytes(StandardCharsets.UTF_8)));
    cases.put("empty value", record(topic, new byte[0]));
    cases.put("null value", record(topic, null));
    cases.put("binary", record(topic, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, 0x00, (byte) 0xFE}));
    cases.put("5 MB", record(topic, fiveMegabytes));
    cases.put("deeply nested", record(topic, nested.getBytes(StandardCharsets.UTF_8)));
    ProducerRecord<byte[], byte[]> garbageHeaders = record(topic, "{\"type\":\"OrderPlaced\"}".getBytes());
    garbageHeaders.headers().add(new RecordHeader("traceparent", new byte[] {(byte) 0xFF, 0x01}));
    garbageHeaders.headers().add(new RecordHeader("ce_specversion", null));
    garbageHeaders.headers().add(new RecordHeader("ce_time", "yesterday".getBytes()));
    cases.put("garbage headers", garbageHeaders);
    cases.put("refused", new ProducerRecord<>(topic, null, refusedTimestamp, null,
        "{\"type\":\"OrderPlaced\",\"orderId\":\"refused\"}".getBytes(StandardCharsets.UTF_8)));
    cases.put("valid", record(topic,
        "{\"type\":\"OrderPlaced\",\"orderId\":\"valid-after-poison\",\"id\":\"e-1\"}".getBytes()));

    // when
    Map<String, String> coordinates = new HashMap<>();
    try (KafkaProducer<byte[], byte[]> producer = TestKafka.rawProducer(bootstrap)) {
      for (Map.Entry<String, ProducerRecord<byte[], byte[]>> c : cases.entrySet()) {
        RecordMetadata m = producer.send(c.getValue()).get();
        coordinates.put(c.getKey(), m.topic() + "-" + m.partition() + "-" + m.offset());
      }
    }

    // then
    try (TestElasticsearch es = new TestElasticsearch(SCOPE.infrastructure().elasticsearchUri())) {
      String events = SCOPE.indexPrefix() + "-events-*";
      await().atMost(Duration.ofSeconds(60)).until(() -> es.ids(events).contains(coordinates.get("valid")));
      // only this topic's records: the year-2001 order also escalates at once, onto the notifications topic
      assertThat(es.ids(events)).filteredOn(id -> id.startsWith(topic + "-"))
          .hasSize(cases.size() - 1).doesNotContain(coordinates.get("refused"));
      assertThat(kind(es, events, coordinates.get("invalid json"))).isEqualTo("TEXT");
      assertThat(kind(es, events, coordinates.get("empty value"))).isEqualTo("EMPTY");
      assertThat(kind(es, events, coordinates.get("null value"))).isEqualTo("EMPTY");
      assertThat(kind(es, events, coordinates.get("binary"))).isEqualTo("BINARY");
      assertThat(kind(es, events, coordinates.get("deeply nested"))).isEqualTo("TEXT");
      JsonNode big = doc(es, events, coordinates.get("5 MB"));
      assertThat(big.path("payloadTruncated").asBoolean()).isTrue();
      assertThat(big.path("payloadBytes").asInt()).isEqualTo(fiveMegabytes.length);
      JsonNode valid = doc(es, events, coordinates.get("valid"));
      assertThat(valid.path("traceId").asString()).isEqualTo("valid-after-poison");
      assertThat(valid.path("step").asString()).isEqualTo("order-placed");
    }
    assertThat(counter("tracker.events.malformed", "kind", "text")).isEqualTo(2);
    assertThat(counter("tracker.events.malformed", "kind", "empty")).isEqualTo(2);
    assertThat(counter("tracker.events.malformed", "kind", "binary")).isEqualTo(1);
    assertThat(meters.counter("tracker.events.failed").count()).isEqualTo(1);
    assertDeadLettered(coordinates.get("refused"));
  }

  private void assertDeadLettered(String coordinates) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        TestKafka.consumer(SCOPE.infrastructure().kafkaBootstrapServers(), "check-" + SCOPE.indexPrefix())) {
      consumer.subscribe(List.of("tracker.dead-letter." + SCOPE.indexPrefix().substring(3)));
      List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(500)).forEach(dead::add);
        return !dead.isEmpty();
      });
      assertThat(dead).hasSize(1);
      ConsumerRecord<byte[], byte[]> r = dead.get(0);
      String source = header(r, "tracker.dead-letter.topic") + "-" + header(r, "tracker.dead-letter.partition") + "-"
          + header(r, "tracker.dead-letter.offset");
      assertThat(source).isEqualTo(coordinates);
      assertThat(header(r, "tracker.dead-letter.reason")).startsWith("refused by Elasticsearch: 400");
      assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("\"orderId\":\"refused\"");
    }
  }

  private double counter(String name, String tag, String value) {
    return meters.counter(name, tag, value).count();
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static String kind(TestElasticsearch es, String index, String id) {
    return doc(es, index, id).path("payloadKind").asString();
  }

  private static JsonNode doc(TestElasticsearch es, String index, String id) {
    return es.source(index, "_id", id);
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, byte[] value) {
    return new ProducerRecord<>(topic, null, value);
  }
}
