package io.choreography.tracker.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.service.it.TestKafka;
import io.choreography.tracker.service.it.TestScope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Records deleted from a partition between the forwarder's last commit and its next assignment, on the real broker:
 * counted and logged when the partition is assigned, while reading goes on from the partition's first record as
 * before; a partition read to its end, or never read by the group, counts nothing; offsets pending in another
 * member's open transaction (a frozen tracker's) hold neither the check nor the reading back.
 */
class UnreadRecordsIT {

  static final TestScope SCOPE = TestScope.create("unread");

  @Test
  void shouldCountTheOffsetsDeletedBeforeTheGroupReadThem() throws Exception {
    // given: 10 records in partition 0 and 3 in partition 1; the group committed 2 and 3; then the broker deletes
    // the records before offset 6 of partition 0 (as its retention would)
    String bootstrap = SCOPE.infrastructure().kafkaBootstrapServers();
    String topic = SCOPE.topic("orders");
    String group = SCOPE.topicPrefix() + "-forwarder";
    gapInPartition0(bootstrap, topic, group, 3);

    try (Admin admin = TestKafka.admin(bootstrap)) {
      Counter unread = Counter.builder("tracker.events.unread").register(new SimpleMeterRegistry());
      UnreadRecords check = new UnreadRecords(admin, group, unread);

      // when: the group's consumer is assigned the partitions again
      List<ConsumerRecord<byte[], byte[]>> read = readFour(bootstrap, group, topic, check);

      // then: offsets 2 to 5 of partition 0 counted; reading went on from offset 6; partition 1 (read to its end)
      // and partition 2 (never read) counted nothing
      assertThat(unread.count()).isEqualTo(4);
      assertThat(read).extracting(ConsumerRecord::offset).containsExactly(6L, 7L, 8L, 9L);
    }
  }

  @Test
  void shouldNotWaitForOffsetsPendingInAnOpenTransaction() throws Exception {
    // given: the same gap in partition 0 (committed 2, deleted before 6), and a frozen member's transaction that
    // holds offsets of the group past the gap (partition 0 at 8) and stays open for a minute
    String bootstrap = SCOPE.infrastructure().kafkaBootstrapServers();
    String topic = SCOPE.topic("payments");
    String group = SCOPE.topicPrefix() + "-forwarder-frozen";
    TopicPartition p0 = new TopicPartition(topic, 0);
    TopicPartition p1 = new TopicPartition(topic, 1);
    gapInPartition0(bootstrap, topic, group, 0);
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group + "-frozen");
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
    try (KafkaProducer<byte[], byte[]> frozen = new KafkaProducer<>(props, new ByteArraySerializer(),
            new ByteArraySerializer());
        Admin admin = TestKafka.admin(bootstrap)) {
      frozen.initTransactions();
      frozen.beginTransaction();
      frozen.sendOffsetsToTransaction(Map.of(p0, new OffsetAndMetadata(8)), new ConsumerGroupMetadata(group));
      Counter unread = Counter.builder("tracker.events.unread").register(new SimpleMeterRegistry());
      UnreadRecords check = new UnreadRecords(admin, group, unread);

      // when: the partitions are checked
      long started = System.nanoTime();
      check.assigned(List.of(p0, p1)).get(30, TimeUnit.SECONDS);
      long checkedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      // then: it answered without waiting for the transaction (its timeout is a minute) and counted the gap of
      // partition 0 from the last committed offset (the transaction's offsets count once it commits, which a fenced
      // member's cannot)
      assertThat(checkedMillis).isLessThan(5_000);
      assertThat(unread.count()).isEqualTo(4);
      frozen.abortTransaction();
    }
  }

  /**
   * 10 records in partition 0 and 3 in partition 1 of a new 3-partition topic; the group commits 2 and {@code
   * partition1Committed}; then the broker deletes the records before offset 6 of partition 0 (as its retention would).
   */
  private static void gapInPartition0(String bootstrap, String topic, String group, long partition1Committed)
      throws Exception {
    TopicPartition p0 = new TopicPartition(topic, 0);
    TestKafka.createTopics(bootstrap, 3, List.of(topic));
    try (KafkaProducer<byte[], byte[]> producer = TestKafka.rawProducer(bootstrap)) {
      for (int i = 0; i < 13; i++) {
        producer.send(new ProducerRecord<>(topic, i < 10 ? 0 : 1, null,
            ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8))).get();
      }
    }
    try (KafkaConsumer<byte[], byte[]> consumer = TestKafka.consumer(bootstrap, group)) {
      consumer.commitSync(Map.of(p0, new OffsetAndMetadata(2),
          new TopicPartition(topic, 1), new OffsetAndMetadata(partition1Committed)));
    }
    try (Admin admin = TestKafka.admin(bootstrap)) {
      admin.deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(6))).all().get();
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> readFour(String bootstrap, String group, String topic,
      UnreadRecords check) throws Exception {
    List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
    List<KafkaFuture<Void>> checks = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = TestKafka.consumer(bootstrap, group)) {
      consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          checks.add(check.assigned(partitions));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
      });
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (read.size() < 4 && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(read::add);
      }
    }
    for (KafkaFuture<Void> c : checks) {
      c.get(30, TimeUnit.SECONDS);
    }
    return read;
  }
}
