package io.choreography.tracker.service.ingest;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records of business topics that the broker deleted before the tracker read them: the forwarder was stopped or
 * behind for longer than a topic's retention, or the records were stamped so long ago that the broker deleted their
 * segment within minutes (it rolls a segment whose first record is older than {@code log.roll.ms}). The consumer
 * moves past them on its own ({@code auto.offset.reset=earliest}) and says so only at INFO; here a partition's
 * committed offset is compared with its first offset when it is assigned, and what lies between is logged and
 * counted. Those events are neither indexed nor tracked, which explains instances left STUCK.
 */
final class UnreadRecords {

  private static final Logger LOG = LoggerFactory.getLogger(UnreadRecords.class);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final Counter unread;

  UnreadRecords(Counter unread) {
    this.unread = unread;
  }

  /** On the consumer's thread, when partitions were assigned and before they are read. */
  void assigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), WAIT);
      Map<TopicPartition, Long> first = consumer.beginningOffsets(partitions, WAIT);
      for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
        Long start = first.get(e.getKey());
        if (e.getValue() == null || start == null || start <= e.getValue().offset()) {
          continue;
        }
        long n = start - e.getValue().offset();
        LOG.warn("{} offsets of {} ({} to {}) were deleted by the broker (retention) before the tracker read them:"
            + " their events are neither indexed nor tracked", n, e.getKey(), e.getValue().offset(), start - 1);
        unread.increment(n);
      }
    } catch (RuntimeException e) {
      // only the check fails: reading goes on as the consumer's reset policy says
      LOG.warn("could not check {} partitions for records deleted before they were read: {}", partitions.size(),
          e.toString());
    }
  }
}
