package io.choreography.tracker.service.ingest;

import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.RecordHeader;
import io.choreography.tracker.rules.extract.ExtractedEvent;
import io.choreography.tracker.rules.extract.RecordExtractor;
import io.choreography.tracker.rules.extract.StepMatch;
import io.choreography.tracker.service.elasticsearch.BulkResult;
import io.choreography.tracker.service.elasticsearch.BulkWriter;
import io.choreography.tracker.service.elasticsearch.IndexDocument;
import io.choreography.tracker.service.elasticsearch.IndexTemplates;
import io.choreography.tracker.service.elasticsearch.RetryPolicy;
import io.choreography.tracker.service.stream.LiveFeed;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import io.choreography.tracker.service.kafka.ConsumerThread;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every business topic and indexes one document per record. Offsets move only after Elasticsearch
 * accepted the batch (or the records it refused for good are in the dead-letter topic); a crash between write and
 * commit redelivers records that then overwrite their own documents.
 */
public final class EventIngestor implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(EventIngestor.class);

  /** Settings of this component. */
  public record Settings(Pattern topics, boolean indexUnmatched, Map<String, Object> consumerProperties) {}

  private final Settings settings;
  private final RecordExtractor extractor;
  private final EventDocumentMapper mapper;
  private final BulkWriter writer;
  private final RetryPolicy retry;
  private final IndexTemplates templates;
  private final DeadLetterPublisher deadLetters;
  private final IngestMetrics metrics;
  private final ConsumerThread loop = new ConsumerThread("tracker-event-ingestor");
  private volatile int assignedPartitions;
  private volatile Instant lastBatchAt;
  private volatile LiveFeed liveFeed;
  private volatile long lag;

  public EventIngestor(Settings settings, RecordExtractor extractor, EventDocumentMapper mapper,
      ElasticsearchClient client, IndexTemplates templates, DeadLetterPublisher deadLetters, IngestMetrics metrics) {
    this.settings = settings;
    this.extractor = extractor;
    this.mapper = mapper;
    this.retry = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), this::isRunning);
    this.writer = new BulkWriter(client, retry);
    this.templates = templates;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
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

  /** False once the consuming thread died; health reports it. */
  public boolean isAlive() {
    return loop.alive();
  }

  public int assignedPartitions() {
    return assignedPartitions;
  }

  /** Why the last Elasticsearch write failed, or null when it succeeded. */
  public Throwable lastWriteFailure() {
    return retry.lastFailure();
  }

  public Instant lastBatchAt() {
    return lastBatchAt;
  }

  /** Where the documents of every accepted bulk go next (the live stream); it must not block. */
  public void onIndexed(LiveFeed feed) {
    this.liveFeed = feed;
  }

  /** Records on the assigned partitions not read yet, as of the last poll. */
  public long lag() {
    return lag;
  }

  @Override
  public void run() {
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(settings.consumerProperties(),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      loop.consuming(c);
      c.subscribe(settings.topics(), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          assignedPartitions = c.assignment().size() - partitions.size();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          assignedPartitions = c.assignment().size();
          LOG.info("indexing {} partitions of {} topics", c.assignment().size(),
              c.assignment().stream().map(TopicPartition::topic).distinct().count());
        }
      });
      while (loop.running()) {
        ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          process(c, records);
        }
        lag = currentLag(c);
      }
    } catch (WakeupException | InterruptedException e) {
      // stopping: the batch in hand was not committed and will be read again
    } catch (RuntimeException e) {
      LOG.error("event indexing stopped unexpectedly", e);
    } finally {
      loop.ended();
    }
  }

  private void process(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records)
      throws InterruptedException {
    Instant receivedAt = Instant.now();
    List<IndexDocument> documents = new ArrayList<>(records.count());
    List<RawRecord> sources = new ArrayList<>(records.count());
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      metrics.consumed.increment();
      offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
      RawRecord raw = toRaw(r);
      IndexDocument doc;
      try {
        ExtractedEvent event = extractor.extract(raw);
        count(event);
        if (!event.matched() && !settings.indexUnmatched()) {
          metrics.ignored.increment();
          continue;
        }
        doc = mapper.map(raw, event, receivedAt);
      } catch (RuntimeException e) {
        deadLetter(raw, "extraction failed: " + e);
        continue;
      }
      documents.add(doc);
      sources.add(raw);
    }
    if (!documents.isEmpty()) {
      ensureTemplates();
      long start = System.nanoTime();
      BulkResult result = writer.write(documents);
      metrics.bulk.record(Duration.ofNanos(System.nanoTime() - start));
      metrics.indexed.increment(documents.size() - result.rejected().size());
      metrics.writes.increment(documents.size() - result.rejected().size());
      for (Map.Entry<Integer, String> rejected : result.rejected().entrySet()) {
        deadLetter(sources.get(rejected.getKey()), "refused by Elasticsearch: " + rejected.getValue());
      }
      LiveFeed feed = liveFeed;
      if (feed != null) {
        feed.indexed(accepted(documents, result));
      }
    }
    commit(c, offsets);
    lastBatchAt = Instant.now();
  }

  private static List<IndexDocument> accepted(List<IndexDocument> documents, BulkResult result) {
    if (result.rejected().isEmpty()) {
      return documents;
    }
    List<IndexDocument> accepted = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      if (!result.rejected().containsKey(i)) {
        accepted.add(documents.get(i));
      }
    }
    return accepted;
  }

  private static long currentLag(KafkaConsumer<byte[], byte[]> c) {
    long sum = 0;
    for (TopicPartition tp : c.assignment()) {
      sum += c.currentLag(tp).orElse(0);
    }
    return sum;
  }

  private void count(ExtractedEvent event) {
    metrics.payload(event.payload().kind());
    if (!event.matched()) {
      metrics.unmatched.increment();
      return;
    }
    for (StepMatch m : event.matches()) {
      if (m.traceId() == null) {
        metrics.uncorrelated.increment();
        return;
      }
    }
  }

  private void deadLetter(RawRecord raw, String reason) throws InterruptedException {
    LOG.warn("record {} goes to {}: {}", raw.coordinates(), deadLetters.topic(), reason);
    deadLetters.publish(raw, reason);
    metrics.failed.increment();
  }

  private void ensureTemplates() throws InterruptedException {
    long delay = 500;
    while (true) {
      try {
        templates.ensureInstalled();
        return;
      } catch (IOException | RuntimeException e) {
        if (!loop.running()) {
          throw new InterruptedException("stopping");
        }
        LOG.warn("cannot install index templates yet ({}); retrying in {} ms", e.toString(), delay);
        Thread.sleep(delay);
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  private static void commit(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, OffsetAndMetadata> offsets) {
    try {
      c.commitSync(offsets);
    } catch (KafkaException e) {
      if (e instanceof WakeupException w) {
        throw w;
      }
      // A rebalance took the partitions away: their new owner reads these records again, and the documents
      // they produce overwrite the ones just written.
      LOG.info("offset commit skipped after a rebalance: {}", e.toString());
    }
  }

  static RawRecord toRaw(ConsumerRecord<byte[], byte[]> r) {
    List<RecordHeader> headers = new ArrayList<>();
    for (Header h : r.headers()) {
      headers.add(new RecordHeader(h.key(), h.value()));
    }
    return new RawRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), headers, r.value());
  }
}
