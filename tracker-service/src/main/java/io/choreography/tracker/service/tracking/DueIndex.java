package io.choreography.tracker.service.tracking;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The timers: one entry per instance that has something due, keyed by the due time (8 bytes big-endian, so that
 * RocksDB's byte order is time order) followed by the instance key. A tick reads only the range up to now, so its
 * cost follows what fell due, not how many instances are open.
 */
final class DueIndex {

  static final String STORE = "due-index";
  private static final byte[] EMPTY = new byte[0];

  private final KeyValueStore<Bytes, byte[]> store;
  /**
   * No entry is due before this: each tick starts its range here instead of at 0, so that it does not step over
   * the RocksDB tombstones of every timer already fired. Lowered by any entry put before it; 0 after a (re)start.
   */
  private long scanFrom;

  DueIndex(KeyValueStore<Bytes, byte[]> store) {
    this.store = store;
  }

  /** One timer that fell due. */
  record Due(Bytes entry, long dueAt, String instanceKey) {}

  static Bytes entry(long dueAt, String instanceKey) {
    byte[] key = instanceKey.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(8 + key.length).putLong(dueAt).put(key).array());
  }

  /** Moves the instance's timer from {@code oldDueAt} to {@code newDueAt} (either may be NONE). */
  void move(String instanceKey, long oldDueAt, long newDueAt) {
    if (oldDueAt == newDueAt) {
      return;
    }
    if (oldDueAt != Schedules.NONE) {
      store.delete(entry(oldDueAt, instanceKey));
    }
    put(newDueAt, instanceKey);
  }

  void remove(Bytes entry) {
    store.delete(entry);
  }

  void put(long dueAt, String instanceKey) {
    if (dueAt != Schedules.NONE) {
      store.put(entry(dueAt, instanceKey), EMPTY);
      scanFrom = Math.min(scanFrom, dueAt);
    }
  }

  /**
   * The timers due at or before {@code now}, earliest first, at most {@code limit}. The caller removes each one it
   * handles.
   */
  List<Due> dueBy(long now, int limit) {
    List<Due> due = new ArrayList<>();
    // every entry is longer than 8 bytes, so the bare 8-byte key of now + 1 is past every entry due by now
    Bytes from = Bytes.wrap(ByteBuffer.allocate(8).putLong(Math.max(0L, scanFrom)).array());
    Bytes to = Bytes.wrap(ByteBuffer.allocate(8).putLong(now + 1).array());
    try (KeyValueIterator<Bytes, byte[]> it = store.range(from, to)) {
      while (it.hasNext() && due.size() < limit) {
        KeyValue<Bytes, byte[]> kv = it.next();
        byte[] k = kv.key.get();
        long at = ByteBuffer.wrap(k, 0, 8).getLong();
        if (at > now) {
          break;
        }
        due.add(new Due(kv.key, at, new String(k, 8, k.length - 8, StandardCharsets.UTF_8)));
      }
    }
    // a full batch may have left more at the last time visited; otherwise nothing is due before now + 1
    scanFrom = due.size() >= limit ? due.get(due.size() - 1).dueAt() : now + 1;
    return due;
  }
}
