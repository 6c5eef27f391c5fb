package io.choreography.tracker.service.ingest;

import io.choreography.tracker.model.intake.InputWatermark;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * How far the forwarder has read each of its business-topic partitions, as watermarks: a partition read to its end
 * is read up to the moment its end offset was asked for; one still behind is read up to the highest record timestamp
 * forwarded from it. Either way minus the grace a producer may take between stamping a record and
 * appending it (linger, batching, retries), and never beyond the wall clock. A watermark only moves forward: being
 * read up to a time stays true. A partition not read from yet (just assigned, with a backlog) has no watermark:
 * verdicts keep waiting on the one known before. Used by the consuming thread only.
 */
final class ReadPositions {

  private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(5);

  private final long graceMillis;
  private final Map<TopicPartition, Long> highestTimestamp = new HashMap<>();
  private final Map<TopicPartition, Long> watermarks = new HashMap<>();

  ReadPositions(long graceMillis) {
    this.graceMillis = graceMillis;
  }

  void read(TopicPartition partition, long timestamp) {
    highestTimestamp.merge(partition, timestamp, Math::max);
  }

  /** Forgets partitions this consumer no longer owns: their next owner publishes them. */
  void forget(Collection<TopicPartition> partitions) {
    highestTimestamp.keySet().removeAll(partitions);
    watermarks.keySet().removeAll(partitions);
  }

  /**
   * The watermarks of the consumer's assigned partitions. Whether a partition is read to its end is asked of the
   * broker (its end offsets, the last stable ones for a read_committed consumer): the consumer's own lag figure comes
   * from the last fetch response it has unpacked, and while it drains the records of one partition, the fresher
   * responses of the others wait unread, so it can show no lag on a partition that has records waiting.
   *
   * @param clock the wall clock; read just before the end offsets are asked for (a partition at its end is read up
   *     to then)
   */
  List<InputWatermark.PartitionWatermark> watermarks(Consumer<?, ?> consumer, InstantSource clock) {
    List<InputWatermark.PartitionWatermark> list = new ArrayList<>();
    Set<TopicPartition> assigned = consumer.assignment();
    long askedAt = clock.millis();
    Map<TopicPartition, Long> ends;
    try {
      ends = consumer.endOffsets(assigned, END_OFFSETS_TIMEOUT);
    } catch (RuntimeException e) {
      ends = Map.of(); // not known now: every partition counts as behind
    }
    long now = clock.millis();
    for (TopicPartition tp : assigned) {
      Long end = ends.get(tp);
      Long highest = highestTimestamp.get(tp);
      long candidate;
      Long position = end == null ? null : positionNow(consumer, tp);
      if (position != null && position >= end) {
        candidate = askedAt;
      } else if (highest != null) {
        candidate = Math.min(highest, now);
      } else {
        Long known = watermarks.get(tp);
        if (known != null) {
          list.add(new InputWatermark.PartitionWatermark(tp.topic(), tp.partition(), known));
        }
        continue;
      }
      long watermark = watermarks.merge(tp, candidate - graceMillis, Math::max);
      list.add(new InputWatermark.PartitionWatermark(tp.topic(), tp.partition(), watermark));
    }
    return list;
  }

  /**
   * The consumer's position if it knows it now, else null. A newly assigned partition's position waits for its
   * committed offset, and a read_committed consumer waits for offsets pending in an open transaction: one a frozen
   * member left behind stays open until the broker aborts it (its timeout, then the broker's periodic check), and
   * asking with the consumer's default timeout blocked this thread all that time, holding back the watermarks of
   * every other partition too.
   */
  private static Long positionNow(Consumer<?, ?> consumer, TopicPartition tp) {
    try {
      return consumer.position(tp, Duration.ZERO);
    } catch (TimeoutException e) {
      return null;
    }
  }
}
