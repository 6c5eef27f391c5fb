package io.choreography.tracker.service.indexing;

import io.choreography.tracker.service.elasticsearch.BulkAttempt;
import io.choreography.tracker.service.elasticsearch.BulkWriter;
import io.choreography.tracker.service.elasticsearch.IndexDocument;
import io.choreography.tracker.service.elasticsearch.IndexTemplates;
import io.choreography.tracker.service.elasticsearch.RetryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import io.choreography.tracker.service.kafka.ConsumerThread;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the instance and incident documents from the tracker's own topics. One consumer reads both topics
 * ({@code read_committed}: records of aborted transactions never happened), keeps the latest document per id in
 * {@link LatestByKey}, and writes them as one bulk when the flush interval has passed or the buffer is full.
 * Offsets are committed only after Elasticsearch accepted every buffered document.
 *
 * <p>While Elasticsearch is down the consumer keeps polling (so it stays in its group) and keeps coalescing; it
 * retries with backoff and pauses its partitions once the buffer is full. Nothing is committed meanwhile, so a
 * crash loses nothing: the records are read again and their documents, being whole, simply overwrite.
 */
public final class StateIndexer implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(StateIndexer.class);
  private static final long IDLE_POLL_MILLIS = 500;

  /** Settings of this component. */
  public record Settings(String instancesTopic, String incidentsTopic, Duration flushInterval, int maxBuffered,
      Map<String, Object> consumerProperties) {}

  private final Settings settings;
  private final InstanceDocuments instances;
  private final IncidentDocuments incidents;
  private final BulkWriter writer;
  private final RetryPolicy retry;
  private final IndexTemplates templates;
  private final IndexWrites metrics;
  private final Clock clock;
  private final LatestByKey buffer = new LatestByKey();
  private final ConsumerThread loop = new ConsumerThread("tracker-state-indexer");
  private volatile int buffered;
  private int failedAttempts;
  private long nextAttemptAtMillis;

  StateIndexer(Settings settings, InstanceDocuments instances, IncidentDocuments incidents, BulkWriter writer,
      RetryPolicy retry, IndexTemplates templates, IndexWrites metrics, Clock clock) {
    this.settings = settings;
    this.instances = instances;
    this.incidents = incidents;
    this.writer = writer;
    this.retry = retry;
    this.templates = templates;
    this.metrics = metrics;
    this.clock = clock;
  }

  public void start() {
    loop.start(this);
  }

  public void stop() {
    loop.stop();
  }

  public boolean isRunning() {
    return loop.running();
  }

  /** False once the consuming thread died. */
  public boolean isAlive() {
    return loop.alive();
  }

  /** Documents waiting for the next write. */
  public int buffered() {
    return buffered;
  }

  /** Why the last write failed, or null when it succeeded. */
  public Throwable lastWriteFailure() {
    return retry.lastFailure();
  }

  @Override
  public void run() {
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(settings.consumerProperties(),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      loop.consuming(c);
      c.subscribe(List.of(settings.instancesTopic(), settings.incidentsTopic()), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          buffer.dropPartitions(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          LOG.info("writing instances and incidents of {} partitions", c.assignment().size());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
          buffer.dropPartitions(partitions);
        }
      });
      while (loop.running()) {
        long now = clock.millis();
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = c.poll(Duration.ofMillis(pollTimeout(now)));
        } catch (WakeupException e) {
          break;
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
          add(r);
        }
        now = clock.millis();
        if (now >= dueAt() && now >= nextAttemptAtMillis) {
          flush(c, buffer.due(now, settings.flushInterval(), buffer.size() >= settings.maxBuffered()));
        }
        backpressure(c);
        buffered = buffer.size();
      }
      // Stopping: one last attempt, so that a clean shutdown leaves little to read again.
      if (!buffer.isEmpty()) {
        flush(c, buffer.entries());
      }
    } catch (WakeupException e) {
      // stopping during the last write: what was not committed is read again on the next start
    } catch (RuntimeException e) {
      LOG.error("instance and incident indexing stopped unexpectedly", e);
    } finally {
      loop.ended();
    }
  }

  private long dueAt() {
    return buffer.dueAtMillis(settings.flushInterval(), settings.maxBuffered());
  }

  private long pollTimeout(long now) {
    long wakeAt = Math.max(dueAt(), nextAttemptAtMillis);
    return Math.max(0, Math.min(IDLE_POLL_MILLIS, wakeAt - now));
  }

  private void add(ConsumerRecord<byte[], byte[]> r) {
    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
    long now = clock.millis();
    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
    try {
      if (r.topic().equals(settings.instancesTopic()) && key != null) {
        // the id is the key's: the state is parsed only if this change is still the latest when written
        byte[] value = r.value();
        buffer.put(StateKind.INSTANCES, tp, r.offset(), DocumentIds.of(key), () -> instances.map(key, value), now);
      } else if (r.topic().equals(settings.instancesTopic())) {
        buffer.put(StateKind.INSTANCES, tp, r.offset(), instances.map(key, r.value()), now);
      } else {
        buffer.put(StateKind.INCIDENTS, tp, r.offset(), incidents.map(key, r.value()), now);
      }
    } catch (RuntimeException e) {
      malformed(r.topic(), r.partition(), r.offset(), key, e);
      buffer.skip(tp, r.offset(), now);
    }
  }

  /** A record not in the agreed format would block its partition forever if retried: count it and go on. */
  private void malformed(String topic, int partition, long offset, String key, RuntimeException e) {
    LOG.error("record {}-{}@{} (key {}) is not a valid {} record, skipped: {}", topic, partition, offset, key, topic,
        e.toString());
    metrics.malformed();
  }

  /** One bulk of the given entries; then commits up to the oldest change still buffered. */
  private void flush(KafkaConsumer<byte[], byte[]> c, List<LatestByKey.Entry> due) {
    List<IndexDocument> documents = new ArrayList<>(due.size());
    List<LatestByKey.Entry> entries = mapped(due, documents);
    if (!entries.isEmpty()) {
      List<Integer> positions = new ArrayList<>(entries.size());
      for (int i = 0; i < entries.size(); i++) {
        positions.add(i);
      }
      BulkAttempt attempt;
      try {
        templates.ensureInstalled();
        attempt = writer.attempt(documents, positions);
      } catch (IOException | RuntimeException e) {
        failed(e);
        return;
      }
      for (int position : attempt.written()) {
        LatestByKey.Entry e = entries.get(position);
        metrics.written(e.kind());
        buffer.remove(e);
      }
      for (Map.Entry<Integer, String> rejected : attempt.rejected().entrySet()) {
        LatestByKey.Entry e = entries.get(rejected.getKey());
        LOG.error("Elasticsearch refused {} document {}: {}", e.kind().tag, e.id(), rejected.getValue());
        metrics.rejected();
        buffer.remove(e);
      }
      if (!attempt.complete()) {
        failed(new IOException(attempt.retry().size() + " documents refused for now (429/5xx)"));
        return;
      }
    }
    retry.succeeded();
    failedAttempts = 0;
    nextAttemptAtMillis = 0;
    Map<TopicPartition, OffsetAndMetadata> offsets = buffer.offsets();
    if (commit(c, offsets)) {
      buffer.committed(offsets);
    }
  }

  /**
   * Maps each due entry to its document (into {@code documents}); an entry whose latest record is not valid is
   * counted, logged and dropped. Returns the entries mapped, in the order of {@code documents}.
   */
  private List<LatestByKey.Entry> mapped(List<LatestByKey.Entry> due, List<IndexDocument> documents) {
    List<LatestByKey.Entry> mapped = new ArrayList<>(due.size());
    for (LatestByKey.Entry e : due) {
      try {
        documents.add(e.document());
        mapped.add(e);
      } catch (RuntimeException invalid) {
        LOG.error("the latest {} record of id {} on {} is not valid, skipped: {}", e.kind().tag, e.id(),
            e.partition(), invalid.toString());
        metrics.malformed();
        buffer.remove(e);
      }
    }
    return mapped;
  }

  private void failed(Exception e) {
    retry.failed(e);
    failedAttempts++;
    nextAttemptAtMillis = clock.millis() + retry.delayMillis(failedAttempts);
  }

  /** A full buffer stops reading until it is written; reading resumes once it is. */
  private void backpressure(KafkaConsumer<byte[], byte[]> c) {
    if (buffer.size() >= settings.maxBuffered()) {
      if (!c.paused().containsAll(c.assignment())) {
        c.pause(c.assignment());
      }
    } else if (!c.paused().isEmpty()) {
      c.resume(c.paused());
    }
  }

  /** True when the offsets are committed (or there were none). */
  private static boolean commit(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, OffsetAndMetadata> offsets) {
    if (offsets.isEmpty()) {
      return true;
    }
    try {
      c.commitSync(offsets);
      return true;
    } catch (KafkaException e) {
      if (e instanceof WakeupException w) {
        throw w;
      }
      // A rebalance took the partitions away: their new owner reads these records again and writes the same
      // whole documents.
      LOG.info("offset commit skipped after a rebalance: {}", e.toString());
      return false;
    }
  }
}
