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
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The coalescing buffer: the latest document per (kind, id) across polls. Each id ages on its own: it is due for
 * writing once its oldest unwritten change has waited the flush interval, so an instance that lives a few seconds
 * is written once, with its final state, however its changes fall. Offsets are committed per partition up to the
 * oldest change still buffered, so nothing unwritten is ever committed. Not thread-safe: used by the consuming
 * thread only.
 */
final class LatestByKey {

  /**
   * A buffered document and the partition its records came from (all records of one id share it); {@code
   * firstAtMillis} and {@code firstOffset} are those of the oldest change of this id not yet written.
   */
  record Entry(StateKind kind, TopicPartition partition, String id, Supplier<IndexDocument> mapping,
      long firstAtMillis, long firstOffset) {

    /** The document, mapped from its record only now: a change replaced before it is written is never mapped. */
    IndexDocument document() {
      return mapping.get();
    }
  }

  /** In order of first unwritten change: an id keeps its place when a newer document replaces its value. */
  private final Map<String, Entry> latest = new LinkedHashMap<>();
  private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
  private final Map<TopicPartition, Long> committed = new HashMap<>();

  /** Keeps the document, replacing any earlier one of the same id. */
  void put(StateKind kind, TopicPartition partition, long offset, IndexDocument document, long nowMillis) {
    put(kind, partition, offset, document.id(), () -> document, nowMillis);
  }

  /**
   * Keeps the document of id {@code id} that {@code mapping} makes (when it is written), replacing any earlier one of
   * the same id.
   */
  void put(StateKind kind, TopicPartition partition, long offset, String id, Supplier<IndexDocument> mapping,
      long nowMillis) {
    String key = kind.name() + '/' + id;
    Entry before = latest.get(key);
    Supplier<IndexDocument> once = once(mapping);
    latest.put(key, before == null
        ? new Entry(kind, partition, id, once, nowMillis, offset)
        : new Entry(kind, partition, id, once, before.firstAtMillis(), before.firstOffset()));
    consumed(partition, offset);
  }

  /** Maps at most once: a write retried while Elasticsearch is away does not parse the record again. */
  private static Supplier<IndexDocument> once(Supplier<IndexDocument> mapping) {
    IndexDocument[] made = new IndexDocument[1];
    return () -> made[0] != null ? made[0] : (made[0] = mapping.get());
  }

  /** Notes a record that produced no document (malformed), so that its offset is committed with the rest. */
  void skip(TopicPartition partition, long offset, long nowMillis) {
    consumed(partition, offset);
  }

  private void consumed(TopicPartition partition, long offset) {
    nextOffsets.merge(partition, offset + 1, Math::max);
  }

  /** Documents waiting to be written. */
  int size() {
    return latest.size();
  }

  /** True when nothing is buffered and every consumed offset is committed. */
  boolean isEmpty() {
    return latest.isEmpty() && !hasUncommitted();
  }

  private boolean hasUncommitted() {
    for (Map.Entry<TopicPartition, Long> e : nextOffsets.entrySet()) {
      if (e.getValue() > committed.getOrDefault(e.getKey(), -1L)) {
        return true;
      }
    }
    return false;
  }

  /**
   * When a write is due: when the oldest buffered change has waited the interval, at once when the buffer is full or
   * only offsets of skipped records wait to be committed; never when nothing waits.
   */
  long dueAtMillis(Duration interval, int maxBuffered) {
    if (latest.isEmpty()) {
      return hasUncommitted() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    long oldest = latest.values().iterator().next().firstAtMillis();
    return latest.size() >= maxBuffered ? oldest : oldest + interval.toMillis();
  }

  /** The entries due at {@code nowMillis}: those whose oldest change waited the interval, or all of them. */
  List<Entry> due(long nowMillis, Duration interval, boolean all) {
    List<Entry> due = new ArrayList<>();
    for (Entry e : latest.values()) {
      if (!all && e.firstAtMillis() + interval.toMillis() > nowMillis) {
        break;
      }
      due.add(e);
    }
    return due;
  }

  /** Every buffered entry. */
  List<Entry> entries() {
    return new ArrayList<>(latest.values());
  }

  /** Forgets a written (or refused) entry unless a newer document of the same id arrived meanwhile. */
  void remove(Entry entry) {
    latest.remove(entry.kind().name() + '/' + entry.id(), entry);
  }

  /**
   * The offsets that may be committed now: per partition, up to the oldest change still buffered, or everything
   * consumed when nothing of it is buffered.
   */
  Map<TopicPartition, OffsetAndMetadata> offsets() {
    Map<TopicPartition, Long> upTo = new HashMap<>(nextOffsets);
    for (Entry e : latest.values()) {
      upTo.merge(e.partition(), e.firstOffset(), Math::min);
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    upTo.forEach((tp, next) -> {
      if (next > committed.getOrDefault(tp, -1L)) {
        offsets.put(tp, new OffsetAndMetadata(next));
      }
    });
    return offsets;
  }

  /** Records a successful commit of these offsets. */
  void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach((tp, o) -> committed.merge(tp, o.offset(), Math::max));
  }

  /** Starts over (e.g. when every partition was taken away). */
  void clear() {
    latest.clear();
    nextOffsets.clear();
    committed.clear();
  }

  /**
   * Forgets what came from partitions this consumer no longer owns: nothing of them was committed past their oldest
   * buffered change, so their new owner reads those records again and writes them.
   */
  void dropPartitions(Collection<TopicPartition> partitions) {
    for (Iterator<Entry> it = latest.values().iterator(); it.hasNext(); ) {
      if (partitions.contains(it.next().partition())) {
        it.remove();
      }
    }
    nextOffsets.keySet().removeAll(partitions);
    committed.keySet().removeAll(partitions);
  }
}
