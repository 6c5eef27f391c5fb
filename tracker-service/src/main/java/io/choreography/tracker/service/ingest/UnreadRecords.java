package io.choreography.tracker.service.ingest;

import io.micrometer.core.instrument.Counter;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
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
 *
 * <p>The check asks the admin client, without waiting, and never the consumer: a read_committed consumer's
 * {@code committed()} waits for offsets still pending in another member's open transaction (a frozen tracker's, up
 * to its transaction timeout), which held a takeover back by seconds. The admin asks for the last committed offsets
 * ({@code requireStable=false}; with {@code true} it leaves a partition with pending offsets out of its answer): a
 * fenced member's transaction is aborted, so what it read is read again from there, or from the partition's first
 * offset if those records are gone. It asks as the partition is assigned, before the group's next commit can land;
 * should one land first, the check finds nothing: it can miss a gap, never count records the group read.
 */
final class UnreadRecords {

  private static final Logger LOG = LoggerFactory.getLogger(UnreadRecords.class);
  private static final int TIMEOUT_MS = 10_000;

  private final Admin admin;
  private final String group;
  private final Counter unread;

  UnreadRecords(Admin admin, String group, Counter unread) {
    this.admin = admin;
    this.group = group;
    this.unread = unread;
  }

  /**
   * When partitions were assigned and before they are read; returns at once, the answer is handled on the admin
   * client's thread. The future completes when the check is done (for tests).
   */
  KafkaFuture<Void> assigned(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return KafkaFuture.completedFuture(null);
    }
    List<TopicPartition> asked = List.copyOf(partitions);
    KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> committed = admin.listConsumerGroupOffsets(
            Map.of(group, new ListConsumerGroupOffsetsSpec().topicPartitions(asked)),
            new ListConsumerGroupOffsetsOptions().requireStable(false).timeoutMs(TIMEOUT_MS))
        .partitionsToOffsetAndMetadata(group);
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    asked.forEach(p -> earliest.put(p, OffsetSpec.earliest()));
    KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> first = admin.listOffsets(earliest,
        new ListOffsetsOptions().timeoutMs(TIMEOUT_MS)).all();
    return KafkaFuture.allOf(committed, first).whenComplete((ignored, failure) -> {
      if (failure != null) {
        // only the check fails: reading goes on as the consumer's reset policy says
        LOG.warn("could not check {} partitions for records deleted before they were read: {}", asked.size(),
            failure.toString());
        return;
      }
      try {
        count(committed.get(), first.get());
      } catch (InterruptedException | ExecutionException e) {
        // both are complete: neither waits nor fails here
        throw new IllegalStateException(e);
      }
    });
  }

  private void count(Map<TopicPartition, OffsetAndMetadata> committed,
      Map<TopicPartition, ListOffsetsResultInfo> first) {
    for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
      ListOffsetsResultInfo start = first.get(e.getKey());
      if (e.getValue() == null || start == null || start.offset() <= e.getValue().offset()) {
        continue;
      }
      long n = start.offset() - e.getValue().offset();
      LOG.warn("{} offsets of {} ({} to {}) were deleted by the broker (retention) before the tracker read them:"
          + " their events are neither indexed nor tracked", n, e.getKey(), e.getValue().offset(), start.offset() - 1);
      unread.increment(n);
    }
  }
}
