package io.choreography.tracker.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.service.it.TestKafka;
import io.choreography.tracker.service.it.TestScope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * A sink that delivers on threads of its own with two batches out at once, on the real broker: the container lets out
 * at most two, and commits a batch only once it and every batch before it were delivered, whatever order the
 * deliveries complete in; a batch out when the container stops is read again after it starts.
 */
class SinkContainerIT {

  static final TestScope SCOPE = TestScope.create("sinks");
  static final Duration QUIET = Duration.ofMillis(1_500);

  @Test
  void shouldCommitBatchesInTheirOrderWithTwoOutAtOnce() throws Exception {
    // given: 30 records, read 10 per poll
    String bootstrap = SCOPE.infrastructure().kafkaBootstrapServers();
    String topic = SCOPE.topic("deliveries");
    String group = SCOPE.topic("deliveries-group");
    produce(bootstrap, topic, 30);
    Deliveries sink = new Deliveries();
    SinkContainer container = container(bootstrap, topic, group, sink);
    container.start();
    try (Admin admin = TestKafka.admin(bootstrap)) {
      // when: two batches are out
      await().atMost(Duration.ofSeconds(30)).until(() -> sink.batches.size() == 2);
      Thread.sleep(QUIET.toMillis());
      // then: no third is let out
      assertThat(sink.batches).hasSize(2);

      // when: the second completes first
      sink.complete(1);
      Thread.sleep(QUIET.toMillis());
      // then: nothing is committed (the first is still out), and both still count as out
      assertThat(committed(admin, group, topic)).as("committed while the first batch was out").isNull();
      assertThat(sink.batches).hasSize(2);

      // when: the first completes
      sink.complete(0);
      // then: both are committed, and the third is let out
      await().atMost(Duration.ofSeconds(10)).until(() -> Long.valueOf(20).equals(committed(admin, group, topic)));
      await().atMost(Duration.ofSeconds(10)).until(() -> sink.batches.size() == 3);
      assertThat(sink.firstOffsets()).containsExactly(0L, 10L, 20L);

      // when: the container stops with the third out, and starts again
      container.stop();
      assertThat(sink.stopped.get()).isEqualTo(1);
      container.start();
      // then: the third is read again and, delivered, committed
      await().atMost(Duration.ofSeconds(30)).until(() -> sink.batches.size() == 4);
      assertThat(sink.firstOffsets()).containsExactly(0L, 10L, 20L, 20L);
      sink.complete(2); // the batch of the stopped run: completing it now commits nothing
      Thread.sleep(QUIET.toMillis());
      assertThat(committed(admin, group, topic)).isEqualTo(20L);
      sink.complete(3);
      await().atMost(Duration.ofSeconds(10)).until(() -> Long.valueOf(30).equals(committed(admin, group, topic)));
      assertThat(container.health().state()).isEqualTo(StageHealth.State.UP);
    } finally {
      container.stop();
    }
  }

  /** Hands out each batch with a future the test completes. */
  static final class Deliveries implements SinkContainer.DeliveringSink {
    final List<List<ConsumerRecord<byte[], byte[]>>> batches = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<Void>> futures = new CopyOnWriteArrayList<>();
    final AtomicInteger stopped = new AtomicInteger();

    @Override
    public CompletableFuture<?> deliver(List<ConsumerRecord<byte[], byte[]>> records) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      futures.add(f);
      batches.add(List.copyOf(records));
      return f;
    }

    @Override
    public void containerStopped() {
      stopped.incrementAndGet();
    }

    void complete(int batch) {
      futures.get(batch).complete(null);
    }

    List<Long> firstOffsets() {
      return batches.stream().map(b -> b.get(0).offset()).toList();
    }
  }

  private static SinkContainer container(String bootstrap, String topic, String group, Deliveries sink) {
    Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10);
    return new SinkContainer(new SinkContainer.Settings("deliveries", List.of(topic), Duration.ZERO, 0),
        new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()), sink, 2);
  }

  private static void produce(String bootstrap, String topic, int count) throws Exception {
    TestKafka.createTopics(bootstrap, 1, List.of(topic));
    try (KafkaProducer<byte[], byte[]> producer = TestKafka.rawProducer(bootstrap)) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, 0, null, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  private static Long committed(Admin admin, String group, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    OffsetAndMetadata o = offsets.get(new TopicPartition(topic, 0));
    return o == null ? null : o.offset();
  }
}
