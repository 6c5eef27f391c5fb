package io.choreography.tracker.service.tracking;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the tracker's own topics as a downstream consumer would (read_committed: only what committed
 * transactions wrote), in the background, remembering when each record arrived.
 *
 * <p>Each committed record is kept once, by its offset. The reader is a consumer group member with
 * auto-commit, so after a rebalance (every broker restart causes one: its metadata changes) it resumes from its
 * last committed offset and Kafka hands it records it already had; those are counted in {@link #redelivered()},
 * not kept again. A record the tracker committed twice has an offset of its own and is kept twice.
 */
public final class TrackerTopicReader implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One record as received; {@code timestamp} is the record's own (what its producer set). */
  public record Received(String topic, String key, JsonNode value, Instant receivedAt, int partition, long offset,
      Instant timestamp) {}

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  /** Per partition, the offset after the last record kept (touched by the reading thread only). */
  private final Map<TopicPartition, Long> next = new HashMap<>();
  private final AtomicLong redelivered = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  public TrackerTopicReader(String bootstrap, List<String> topics) {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(topics);
    thread = new Thread(this::run, "tracker-topic-reader");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        if (r.offset() < next.getOrDefault(tp, 0L)) {
          redelivered.incrementAndGet();
          continue;
        }
        next.put(tp, r.offset() + 1);
        Instant now = Instant.now();
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        received.add(new Received(r.topic(), key, JSON.readTree(r.value()), now, r.partition(), r.offset(),
            Instant.ofEpochMilli(r.timestamp())));
      }
    }
    consumer.close();
  }

  /** The latest value per key of {@code topic} received so far (an instance's last committed state). */
  public Map<String, JsonNode> lastStates(String topic) {
    Map<String, JsonNode> last = new HashMap<>();
    for (Received r : matching(r -> r.topic().equals(topic))) {
      last.put(r.key(), r.value());
    }
    return last;
  }

  public List<Received> all() {
    return new ArrayList<>(received);
  }

  public List<Received> matching(Predicate<Received> filter) {
    return received.stream().filter(filter).toList();
  }

  public int size() {
    return received.size();
  }

  /** Records handed to this reader again after a rebalance (already kept once, not kept again). */
  public long redelivered() {
    return redelivered.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5_000);
  }
}
