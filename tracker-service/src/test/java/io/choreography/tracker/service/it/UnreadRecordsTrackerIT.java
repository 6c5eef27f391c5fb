package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole tracker on the real broker, started after the broker deleted records its forwarder had not read yet (it
 * was stopped for longer than the topic's retention): they are counted in {@code tracker_events_unread_total}, and
 * reading goes on from the first record left.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class UnreadRecordsTrackerIT {

  static final TestScope SCOPE = TestScope.create("unread-tracker");
  static final String ORDERS = SCOPE.topic("orders");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    SCOPE.register(registry);
    // before the tracker starts: 10 records, of which the forwarder's group committed 2; then the broker deletes
    // those before offset 6
    String bootstrap = SCOPE.infrastructure().kafkaBootstrapServers();
    TopicPartition p0 = new TopicPartition(ORDERS, 0);
    TestKafka.createTopics(bootstrap, 1, List.of(ORDERS));
    try (KafkaProducer<byte[], byte[]> producer = TestKafka.rawProducer(bootstrap)) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(ORDERS, 0, null,
            ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8))).get();
      }
    }
    try (KafkaConsumer<byte[], byte[]> consumer = TestKafka.consumer(bootstrap, SCOPE.indexPrefix())) {
      consumer.commitSync(Map.of(p0, new OffsetAndMetadata(2)));
    }
    try (Admin admin = TestKafka.admin(SCOPE.infrastructure().kafkaBootstrapServers())) {
      admin.deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(6))).all().get();
    }
  }

  @Autowired MeterRegistry meters;

  @Test
  void shouldCountTheRecordsDeletedBeforeItReadThemAndReadOnFromTheFirstLeft() throws Exception {
    // when: the tracker runs; then: offsets 2 to 5 counted, and the forwarder's group read on to the end (10)
    Counter unread = meters.get("tracker.events.unread").counter();
    TopicPartition p0 = new TopicPartition(ORDERS, 0);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    long committed = -1;
    try (Admin admin = TestKafka.admin(SCOPE.infrastructure().kafkaBootstrapServers())) {
      while (System.nanoTime() < deadline && (unread.count() < 4 || committed < 10)) {
        OffsetAndMetadata o = admin.listConsumerGroupOffsets(SCOPE.indexPrefix()).partitionsToOffsetAndMetadata()
            .get().get(p0);
        committed = o == null ? -1 : o.offset();
        Thread.sleep(200);
      }
    }
    assertThat(unread.count()).isEqualTo(4);
    assertThat(committed).isEqualTo(10);
  }
}
