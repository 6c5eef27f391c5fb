package io.choreography.tracker.service.ingest;

import io.choreography.tracker.model.intake.InputWatermark;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the forwarder has read each of its business-topic partitions, as watermarks: a partition read to its end
 * (no lag as of the last fetch) is read up to the time of that fetch; one still behind is read up to the highest
 * record timestamp forwarded from it. Either way minus the grace a producer may take between stamping a record and
 * appending it (linger, batching, retries), and never beyond the wall clock. A watermark only moves forward: being
 * read up to a time stays true. A partition not read from yet (just assigned, with a backlog) has no watermark:
 * verdicts keep waiting on the one known before. Used by the consuming thread only.
 */
final class ReadPositions {

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
   * The watermarks of the consumer's assigned partitions.
   *
   * @param fetchedAt when the consumer last fetched (a partition without lag is read up to then)
   * @param now the wall clock
   */
  List<InputWatermark.PartitionWatermark> watermarks(Consumer<?, ?> consumer, long fetchedAt, long now) {
    List<InputWatermark.PartitionWatermark> list = new ArrayList<>();
    for (TopicPartition tp : consumer.assignment()) {
      OptionalLong lag = consumer.currentLag(tp);
      Long highest = highestTimestamp.get(tp);
      long candidate;
      if (lag.isPresent() && lag.getAsLong() == 0) {
        candidate = fetchedAt;
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
}
