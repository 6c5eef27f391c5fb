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
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Records deleted from a partition between the forwarder's last commit and its next assignment, on the real broker:
 * counted and logged when the partition is assigned, while reading goes on from the partition's first record as
 * before; a partition read to its end, or never read by the group, counts nothing.
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
    TestKafka.createTopics(bootstrap, 3, List.of(topic));
    TopicPartition p0 = new TopicPartition(topic, 0);
    TopicPartition p1 = new TopicPartition(topic, 1);
    try (KafkaProducer<byte[], byte[]> producer = TestKafka.rawProducer(bootstrap)) {
      for (int i = 0; i < 13; i++) {
        producer.send(new ProducerRecord<>(topic, i < 10 ? 0 : 1, null,
            ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8))).get();
      }
    }
    try (KafkaConsumer<byte[], byte[]> consumer = TestKafka.consumer(bootstrap, group)) {
      consumer.commitSync(Map.of(p0, new OffsetAndMetadata(2), p1, new OffsetAndMetadata(3)));
    }
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(6))).all().get();
    }
    Counter unread = Counter.builder("tracker.events.unread").register(new SimpleMeterRegistry());
    UnreadRecords check = new UnreadRecords(unread);

    // when: the group's consumer is assigned the partitions again
    List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = TestKafka.consumer(bootstrap, group)) {
      consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          check.assigned(consumer, partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
      });
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (read.size() < 4 && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(read::add);
      }
    }

    // then: offsets 2 to 5 of partition 0 counted; reading went on from offset 6; partition 1 (read to its end)
    // and partition 2 (never read) counted nothing
    assertThat(unread.count()).isEqualTo(4);
    assertThat(read).extracting(ConsumerRecord::offset).containsExactly(6L, 7L, 8L, 9L);
  }
}
