package io.choreography.tracker.service.ingest;

import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.intake.InputWatermark;
import io.choreography.tracker.model.intake.IntakeRecordCodec;
import io.choreography.tracker.service.kafka.Records;
import io.choreography.tracker.service.tracing.RecordSpans;
import io.opentelemetry.api.trace.Span;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * The forwarder's sink: runs in the listener container's Kafka transaction, so that the intake records of a batch,
 * its dead letters, its watermarks and its consumer offsets commit together or not at all (exactly once). Per record
 * nothing can fail but a Kafka write: what the rules cannot read is indexed as what it is, and a record that still
 * cannot be forwarded is dead-lettered, never retried on and on.
 *
 * <p>Watermarks go to every intake partition after the batch they cover, at most once per interval, in the batch's
 * transaction. While no records come (the container's idle event) they go without a transaction, so that verdicts
 * move on with the clock when the input is quiet at the cost of one small record per partition, not of a transaction:
 * they are still after every event they cover, since those were appended (in a committed transaction) before, and a
 * read_committed reader sees nothing past a transaction still open.
 */
final class ForwardingListener implements BatchConsumerAwareMessageListener<byte[], byte[]>,
    ConsumerAwareRebalanceListener {

  private static final Logger LOG = LoggerFactory.getLogger(ForwardingListener.class);
  private static final byte[] CONTENT_TYPE = IntakeRecordCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

  /** Where a batch's records go and how often the watermarks do. */
  record Settings(String intakeTopic, String deadLetterTopic, int maxRequestBytes, long watermarkIntervalMillis) {}

  private final Settings settings;
  private final RecordForwarder forwarder;
  private final ReadPositions positions;
  private final KafkaOperations<byte[], byte[]> template;
  private final KafkaOperations<byte[], byte[]> idleTemplate;
  private final Supplier<Map<String, Integer>> topics;
  private final IngestMetrics metrics;
  private final RecordSpans spans;
  private final InstantSource clock;
  private final UnreadRecords unread;
  private volatile long lastBatchAt;
  private long lastWatermarkAt;
  private int intakePartitions;

  ForwardingListener(Settings settings, RecordForwarder forwarder, ReadPositions positions,
      KafkaOperations<byte[], byte[]> template, KafkaOperations<byte[], byte[]> idleTemplate,
      Supplier<Map<String, Integer>> topics, UnreadRecords unread, IngestMetrics metrics, RecordSpans spans,
      InstantSource clock) {
    this.settings = settings;
    this.forwarder = forwarder;
    this.positions = positions;
    this.template = template;
    this.idleTemplate = idleTemplate;
    this.topics = topics;
    this.metrics = metrics;
    this.spans = spans;
    this.clock = clock;
    this.unread = unread;
  }

  /** When the last batch was forwarded (epoch ms), 0 before the first. */
  long lastBatchAt() {
    return lastBatchAt;
  }

  @Override
  public void onMessage(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) {
    long readAt = clock.millis();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      positions.read(new TopicPartition(r.topic(), r.partition()), r.timestamp());
      RawRecord raw = Records.raw(r);
      Span span = spans.start(raw);
      List<ProducerRecord<byte[], byte[]>> out;
      try {
        out = forwarder.forward(raw, readAt);
      } catch (RuntimeException e) {
        spans.failed(span, e);
        deadLetter(raw, "could not be forwarded: " + e);
        continue;
      }
      for (ProducerRecord<byte[], byte[]> p : out) {
        template.send(p);
        metrics.forwarded.increment();
      }
      spans.forwarded(span, out.size());
    }
    publishWatermarks(template, consumer, false);
    lastBatchAt = readAt;
  }

  /** The container found nothing to read for a while: tell the topology how far the input is read. */
  void onIdle(ListenerContainerIdleEvent event) {
    Consumer<?, ?> consumer = event.getConsumer();
    if (consumer == null || consumer.assignment().isEmpty()) {
      return;
    }
    publishWatermarks(idleTemplate, consumer, true);
  }

  /**
   * No business topic to read: says so (no partition to wait for), so that verdicts follow the wall clock rather than
   * wait for a watermark that would never come.
   */
  void nothingToRead() {
    long now = clock.millis();
    send(idleTemplate, new InputWatermark("none", -1, now, Map.of(), List.of()), now);
  }

  private void publishWatermarks(KafkaOperations<byte[], byte[]> to, Consumer<?, ?> consumer, boolean force) {
    long now = clock.millis();
    if (!force && now - lastWatermarkAt < settings.watermarkIntervalMillis()) {
      return;
    }
    lastWatermarkAt = now;
    ConsumerGroupMetadata group = consumer.groupMetadata();
    send(to, new InputWatermark(group.memberId(), group.generationId(), now, topics.get(),
        positions.watermarks(consumer, clock)), now);
  }

  private void send(KafkaOperations<byte[], byte[]> to, InputWatermark watermark, long now) {
    byte[] value = IntakeRecordCodec.encode(watermark);
    if (intakePartitions == 0) {
      intakePartitions = to.partitionsFor(settings.intakeTopic()).size();
    }
    for (int p = 0; p < intakePartitions; p++) {
      ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(settings.intakeTopic(), p, now, null, value);
      r.headers().add("content-type", CONTENT_TYPE);
      to.send(r);
    }
  }

  private void deadLetter(RawRecord raw, String reason) {
    LOG.warn("record {} goes to {}: {}", raw.coordinates(), settings.deadLetterTopic(), reason);
    template.send(DeadLetterRecords.of(settings.deadLetterTopic(), raw, reason, settings.maxRequestBytes()));
    metrics.failed.increment();
  }

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    unread.assigned(partitions);
  }

  @Override
  public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    positions.forget(partitions);
  }

  @Override
  public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    positions.forget(partitions);
  }
}
