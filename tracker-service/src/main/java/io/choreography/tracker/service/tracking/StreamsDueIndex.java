package io.choreography.tracker.service.tracking;

import io.choreography.tracker.rules.engine.InstanceView;
import io.choreography.tracker.rules.tracking.state.DueTimer;
import io.choreography.tracker.rules.tracking.state.mutable.MutableDueIndex;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The timers in a Kafka Streams store: one entry per timer, keyed by the due time (8 bytes big-endian, so that
 * RocksDB's byte order is time order) followed by the instance key. A tick reads only the range up to its verdict
 * time, so its cost follows what fell due, not how many instances are open. Due times are epoch milliseconds, never
 * negative (a negative long would sort after every positive one).
 */
final class StreamsDueIndex implements MutableDueIndex {

  private static final byte[] EMPTY = new byte[0];

  private final KeyValueStore<Bytes, byte[]> store;
  /**
   * No entry is due before this: each tick starts its range here instead of at 0, so that it does not step over
   * the RocksDB tombstones of every timer already fired. Lowered by any entry put before it; 0 after a (re)start.
   */
  private long scanFrom;

  StreamsDueIndex(KeyValueStore<Bytes, byte[]> store) {
    this.store = store;
  }

  static Bytes entry(long dueAt, String instanceKey) {
    byte[] key = instanceKey.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(8 + key.length).putLong(dueAt).put(key).array());
  }

  /** The bare 8-byte key of a time: before every entry due then, after every entry due earlier. */
  private static Bytes bound(long time) {
    return Bytes.wrap(ByteBuffer.allocate(8).putLong(Math.max(0L, time)).array());
  }

  @Override
  public void put(long dueAt, String key) {
    if (dueAt != InstanceView.NONE) {
      store.put(entry(dueAt, key), EMPTY);
      scanFrom = Math.min(scanFrom, dueAt);
    }
  }

  @Override
  public void remove(long dueAt, String key) {
    store.delete(entry(dueAt, key));
  }

  @Override
  public void revisitFrom(long dueAt) {
    scanFrom = Math.min(scanFrom, dueAt);
  }

  @Override
  public List<DueTimer> dueBy(long upTo, int limit) {
    List<DueTimer> due = new ArrayList<>();
    if (scanFrom > upTo) {
      // nothing is left before scanFrom, and the verdict time moved back (an input partition assigned with a
      // backlog holds it back): a range from after its end would be empty, and RocksDB warns of each one
      return due;
    }
    // every entry is longer than 8 bytes, so the bare key of upTo + 1 is past every entry due by upTo
    try (KeyValueIterator<Bytes, byte[]> it = store.range(bound(scanFrom), bound(upTo + 1))) {
      while (it.hasNext() && due.size() < limit) {
        KeyValue<Bytes, byte[]> kv = it.next();
        byte[] k = kv.key.get();
        long at = ByteBuffer.wrap(k, 0, 8).getLong();
        if (at > upTo) {
          break;
        }
        due.add(new DueTimer(at, new String(k, 8, k.length - 8, StandardCharsets.UTF_8)));
      }
    }
    // a full batch may have left more at the last time visited; otherwise nothing is due before upTo + 1
    scanFrom = due.size() >= limit ? due.get(due.size() - 1).dueAt() : upTo + 1;
    return due;
  }

  @Override
  public int countDue(long after, long upTo, int cap) {
    if (upTo <= after) {
      return 0;
    }
    int n = 0;
    try (KeyValueIterator<Bytes, byte[]> it = store.range(bound(after + 1), bound(upTo + 1))) {
      while (it.hasNext() && n < cap) {
        byte[] k = it.next().key.get();
        if (ByteBuffer.wrap(k, 0, 8).getLong() > upTo) {
          break;
        }
        n++;
      }
    }
    return n;
  }
}
