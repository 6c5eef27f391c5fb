package io.choreography.tracker.service.indexing;

import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.intake.ForwardedEvent;
import io.choreography.tracker.service.kafka.Records;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one business record back by its coordinates, for a dead letter that carries the record as the service wrote
 * it: the intake topic holds only what the tracker made of it. Rare (Elasticsearch refused a document for good), so
 * one consumer without a group, created on first use, assigned and positioned per request. Not thread-safe.
 *
 * <p>A plain consumer, not a listener container: it answers a request for one offset and returns, while a container
 * pushes whatever its subscription or fixed assignment delivers; there is no loop to run and nothing to commit.
 */
final class OriginalRecords implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OriginalRecords.class);

  /**
   * How long one read may take: a cold consumer's first read of a record of a few MB on a busy broker takes seconds,
   * and a record not read in time goes to the dead letters as its document only. The indexer waits meanwhile, and a
   * batch of refused records that all wait this long must stay far below {@code max.poll.interval.ms}.
   */
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final Map<String, Object> consumerProperties;
  private KafkaConsumer<byte[], byte[]> consumer;

  /** @param kafka the service's consumer properties (bootstrap servers, security), of which the group is not used */
  OriginalRecords(Map<String, Object> kafka) {
    Map<String, Object> props = new HashMap<>(kafka);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // a position out of range is an error to report (the record is gone), not a reason to jump to the end
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tracker-dead-letter-reader");
    this.consumerProperties = props;
  }

  /** The business record the event was made of, or null when it is gone (retention) or cannot be read now. */
  RawRecord fetch(ForwardedEvent event) {
    TopicPartition tp = new TopicPartition(event.topic(), event.partition());
    long offset = event.offset();
    try {
      if (consumer == null) {
        consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      }
      consumer.assign(List.of(tp));
      long first = consumer.beginningOffsets(List.of(tp), WAIT).get(tp);
      if (offset < first) {
        LOG.warn("record {} is gone: the partition starts at {} (retention)", event.coordinates(), first);
        return null;
      }
      consumer.seek(tp, offset);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.offset() == offset) {
            return Records.raw(r);
          }
          if (r.offset() > offset) {
            LOG.warn("record {} is gone (the partition continues at {})", event.coordinates(), r.offset());
            return null;
          }
        }
      }
      LOG.warn("record {} not read within {} s (read position {}, the partition from {} to {})",
          event.coordinates(), WAIT.toSeconds(), consumer.position(tp), first,
          consumer.endOffsets(List.of(tp), WAIT).get(tp));
      return null;
    } catch (OffsetOutOfRangeException e) {
      // the offset was deleted between the check and the read (auto.offset.reset is none, so nothing resets it)
      LOG.warn("record {} is gone: {}", event.coordinates(), e.getMessage());
      return null;
    } catch (RuntimeException e) {
      LOG.warn("record {} cannot be read: {}", event.coordinates(), e.toString());
      return null;
    }
  }

  @Override
  public void close() {
    if (consumer != null) {
      consumer.close(Duration.ofSeconds(5));
    }
  }
}
