package io.choreography.tracker.service.indexing;

import io.choreography.tracker.service.elasticsearch.IndexDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The coalescing buffer: the latest document per (kind, id) across polls, and the offset up to which every
 * consumed record is either in the buffer or already in Elasticsearch. Many changes of one instance within a
 * flush interval become one write. Not thread-safe: used by the consuming thread only.
 */
final class LatestByKey {

  /** A buffered document, and the partition its record came from (all records of one key share it). */
  record Entry(StateKind kind, TopicPartition partition, IndexDocument document) {}

  private final Map<String, Entry> latest = new LinkedHashMap<>();
  private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
  private long firstBufferedAtMillis = -1;

  /** Keeps the document, replacing any earlier one of the same id. */
  void put(StateKind kind, TopicPartition partition, long offset, IndexDocument document, long nowMillis) {
    latest.put(kind.name() + '/' + document.id(), new Entry(kind, partition, document));
    consumed(partition, offset, nowMillis);
  }

  /** Notes a record that produced no document (malformed), so that its offset is committed with the rest. */
  void skip(TopicPartition partition, long offset, long nowMillis) {
    consumed(partition, offset, nowMillis);
  }

  private void consumed(TopicPartition partition, long offset, long nowMillis) {
    nextOffsets.merge(partition, offset + 1, Math::max);
    if (firstBufferedAtMillis < 0) {
      firstBufferedAtMillis = nowMillis;
    }
  }

  /** Documents waiting to be written. */
  int size() {
    return latest.size();
  }

  /** True when nothing was consumed since the last commit. */
  boolean isEmpty() {
    return nextOffsets.isEmpty();
  }

  /** When a flush is due: the oldest buffered change waited the interval, or the buffer is full. */
  long dueAtMillis(Duration interval, int maxBuffered) {
    if (isEmpty()) {
      return Long.MAX_VALUE;
    }
    return latest.size() >= maxBuffered ? firstBufferedAtMillis : firstBufferedAtMillis + interval.toMillis();
  }

  List<Entry> entries() {
    return new ArrayList<>(latest.values());
  }

  /** Forgets a written (or refused) entry unless a newer document of the same id arrived meanwhile. */
  void remove(Entry entry) {
    latest.remove(entry.kind().name() + '/' + entry.document().id(), entry);
  }

  /** The offsets to commit once every buffered document is written. */
  Map<TopicPartition, OffsetAndMetadata> offsets() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    nextOffsets.forEach((tp, next) -> offsets.put(tp, new OffsetAndMetadata(next)));
    return offsets;
  }

  /** After a write of everything and a commit: starts over. */
  void clear() {
    latest.clear();
    nextOffsets.clear();
    firstBufferedAtMillis = -1;
  }

  /**
   * Forgets what came from partitions this consumer no longer owns: nothing of them was committed, so their new
   * owner reads those records again and writes them.
   */
  void dropPartitions(Collection<TopicPartition> partitions) {
    for (Iterator<Entry> it = latest.values().iterator(); it.hasNext(); ) {
      if (partitions.contains(it.next().partition())) {
        it.remove();
      }
    }
    nextOffsets.keySet().removeAll(partitions);
    if (nextOffsets.isEmpty()) {
      clear();
    }
  }
}
