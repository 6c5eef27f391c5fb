package io.choreography.tracker.rules.tracking.state.memory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Byte values by string key, with no heap object per entry, for the in-memory state of replay: a million open
 * instances and their key links must not be a million objects the collector traces and, as they change, copies out
 * of the young generation (with maps of nodes, strings and arrays, the collector took about half of the tracker's
 * CPU in {@code KeyedTrackerBenchmark}).
 *
 * <p>Open addressing with linear probing over one array of longs, each slot the key's 32-bit hash and where its entry
 * lies (so that a probe touches one cache line, not two). Entries are appended, 4-byte aligned, to byte pages: the
 * key's length and UTF-8 bytes, then the value's length and bytes. A lookup reads the slot's hash, then verifies the
 * key inside the entry it points to (which holds the value too): no key object is kept. Removal shifts the probe
 * chain back (no tombstones). Pages start at 256 B and double up to 1 MiB, so that a table holding little costs
 * little (the timer index keeps one per due time of several keys). An entry replaced or removed leaves its bytes behind; once they
 * outweigh the live entries and the slots, the live entries are copied to fresh pages, so that space stays
 * proportional to what is stored and copying costs no more than the writes that made it necessary. Not
 * thread-safe.
 */
final class ArenaTable {

  static final int PAGE_SIZE = 1 << 20;
  private static final int FIRST_PAGE_SIZE = 256;
  private static final int MIN_SLOTS = 16;

  /** Pages a table may hold: 16 GiB in pages of 1 MiB, more than a heap holds. */
  static final int MAX_PAGES = 1 << 14;
  private static final int OFFSET_BITS = 18;

  /**
   * Per slot: the key's hash in the upper 32 bits (a key whose hash is 0 is stored as 1), its entry's ref in the
   * lower (page index, then offset in the page in units of 4 bytes); 0 marks an empty slot.
   */
  private long[] slots;
  private int mask;
  private int shift;
  private int size;

  private byte[][] pages = new byte[4][];
  private int pageCount;
  /** Where the next entry goes in the last page. */
  private int position;
  private long pageBytes;
  /** The bytes of the entries written to the pages since they were last compacted, live or not. */
  private long writtenBytes;
  private long liveBytes;

  /** Reads a value in place: {@code length} bytes of {@code bytes} from {@code offset}; must not keep the array. */
  @FunctionalInterface
  interface Reader<T> {
    T read(byte[] bytes, int offset, int length);
  }

  ArenaTable() {
    slots(MIN_SLOTS);
  }

  int size() {
    return size;
  }

  /** The bytes of the live entries (keys, values and their lengths), for tests. */
  long liveBytes() {
    return liveBytes;
  }

  /** The bytes of the pages allocated, for tests. */
  long pageBytes() {
    return pageBytes;
  }

  boolean contains(String key) {
    return find(key) >= 0;
  }

  /** A copy of the value stored under {@code key}, or null. */
  byte[] get(String key) {
    return read(key, (bytes, offset, length) -> Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /** What {@code reader} makes of the value stored under {@code key}, or null when none is. */
  <T> T read(String key, Reader<T> reader) {
    int slot = find(key);
    if (slot < 0) {
      return null;
    }
    int ref = (int) slots[slot];
    byte[] page = pages[page(ref)];
    int at = offset(ref);
    int keyLength = varInt(page, at);
    at += varIntSize(keyLength) + keyLength;
    int valueLength = varInt(page, at);
    return reader.read(page, at + varIntSize(valueLength), valueLength);
  }

  /** Calls {@code action} with every key, in no particular order; the table must not change meanwhile. */
  void forEachKey(Consumer<String> action) {
    for (long s : slots) {
      if (s != 0) {
        byte[] page = pages[page((int) s)];
        int at = offset((int) s);
        int keyLength = varInt(page, at);
        action.accept(new String(page, at + varIntSize(keyLength), keyLength, StandardCharsets.UTF_8));
      }
    }
  }

  void put(String key, byte[] value) {
    put(key, null, value, value.length, true);
  }

  /** Stores {@code value} under {@code key} unless something is stored there; whether it was stored. */
  boolean putIfAbsent(String key, byte[] value) {
    return put(key, null, value, value.length, false);
  }

  /**
   * Stores {@code head} (may be null) followed by the first {@code bodyLength} bytes of {@code body} under {@code
   * key}, replacing what was stored: the value is copied, the arrays stay the caller's.
   */
  void put(String key, byte[] head, byte[] body, int bodyLength) {
    put(key, head, body, bodyLength, true);
  }

  private boolean put(String key, byte[] head, byte[] body, int bodyLength, boolean replace) {
    int hash = hash(key);
    int slot = find(key, hash);
    if (slot >= 0 && !replace) {
      return false;
    }
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int headLength = head == null ? 0 : head.length;
    int valueLength = headLength + bodyLength;
    int length = varIntSize(k.length) + k.length + varIntSize(valueLength) + valueLength;
    int ref = allocate(length);
    byte[] page = pages[page(ref)];
    int at = writeVarInt(page, offset(ref), k.length);
    System.arraycopy(k, 0, page, at, k.length);
    at = writeVarInt(page, at + k.length, valueLength);
    if (headLength > 0) {
      System.arraycopy(head, 0, page, at, headLength);
    }
    System.arraycopy(body, 0, page, at + headLength, bodyLength);
    liveBytes += length;
    if (slot >= 0) {
      liveBytes -= entryLength((int) slots[slot]);
      slots[slot] = slot(hash, ref);
    } else {
      if (size + 1 > (mask + 1) >>> 1) {
        slots((mask + 1) << 1);
      }
      int i = home(hash);
      while (slots[i] != 0) {
        i = (i + 1) & mask;
      }
      slots[i] = slot(hash, ref);
      size++;
    }
    if (writtenBytes - liveBytes > liveBytes + 8L * (mask + 1) + FIRST_PAGE_SIZE * 16) {
      compact();
    }
    return true;
  }

  /** Removes what is stored under {@code key}; whether anything was. */
  boolean remove(String key) {
    int slot = find(key);
    if (slot < 0) {
      return false;
    }
    liveBytes -= entryLength((int) slots[slot]);
    size--;
    // backward-shift deletion: move later entries of the probe chain into the gap unless their home lies after it
    int gap = slot;
    int i = slot;
    while (true) {
      i = (i + 1) & mask;
      long s = slots[i];
      if (s == 0) {
        break;
      }
      int home = home((int) (s >>> 32));
      boolean staysPut = gap <= i ? home > gap && home <= i : home > gap || home <= i;
      if (!staysPut) {
        slots[gap] = s;
        gap = i;
      }
    }
    slots[gap] = 0;
    return true;
  }

  private int find(String key) {
    return find(key, hash(key));
  }

  private int find(String key, int hash) {
    int i = home(hash);
    while (true) {
      long s = slots[i];
      if (s == 0) {
        return -1;
      }
      if ((int) (s >>> 32) == hash && keyEquals(key, (int) s)) {
        return i;
      }
      i = (i + 1) & mask;
    }
  }

  private boolean keyEquals(String key, int ref) {
    byte[] page = pages[page(ref)];
    int at = offset(ref);
    int keyLength = varInt(page, at);
    at += varIntSize(keyLength);
    int n = key.length();
    if (n == keyLength) {
      // equal lengths: equal only if every char is ASCII (any other takes more than one UTF-8 byte) and the same
      for (int i = 0; i < n; i++) {
        char c = key.charAt(i);
        if (c >= 0x80 || page[at + i] != (byte) c) {
          return false;
        }
      }
      return true;
    }
    // lengths differ: only a key with non-ASCII chars can still be equal
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    return Arrays.equals(k, 0, k.length, page, at, at + keyLength);
  }

  private static int hash(String key) {
    int h = key.hashCode();
    return h == 0 ? 1 : h;
  }

  private int home(int hash) {
    return (hash * 0x9E3779B9) >>> shift;
  }

  private static long slot(int hash, int ref) {
    return (long) hash << 32 | (ref & 0xFFFF_FFFFL);
  }

  private static int page(int ref) {
    return ref >>> OFFSET_BITS;
  }

  private static int offset(int ref) {
    return (ref & ((1 << OFFSET_BITS) - 1)) << 2;
  }

  private void slots(int capacity) {
    long[] old = slots;
    slots = new long[capacity];
    mask = capacity - 1;
    shift = 32 - Integer.numberOfTrailingZeros(capacity);
    if (old == null) {
      return;
    }
    for (long s : old) {
      if (s != 0) {
        int i = home((int) (s >>> 32));
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = s;
      }
    }
  }

  /** Room for an entry of {@code length} bytes; its ref (page index, then offset / 4). */
  private int allocate(int length) {
    position = (position + 3) & ~3;
    if (pageCount == 0 || position + length > pages[pageCount - 1].length) {
      if (pageCount == MAX_PAGES) {
        throw new IllegalStateException("an in-memory state table is full: " + MAX_PAGES + " pages of "
            + PAGE_SIZE + " B hold " + liveBytes + " B of live entries");
      }
      if (pageCount == pages.length) {
        pages = Arrays.copyOf(pages, pageCount * 2);
      }
      // each page as large as those before it together, up to 1 MiB; an entry larger than that gets its own
      int pageSize = Math.max((int) Math.min(PAGE_SIZE, Math.max(FIRST_PAGE_SIZE, pageBytes)), length);
      pages[pageCount++] = new byte[pageSize];
      pageBytes += pageSize;
      position = 0;
    }
    int ref = (pageCount - 1) << OFFSET_BITS | position >>> 2;
    position += length;
    writtenBytes += length;
    return ref;
  }

  private int entryLength(int ref) {
    return entryLengthIn(pages[page(ref)], offset(ref));
  }

  /** Copies the live entries to fresh pages: the old ones, with what replaced and removed entries left, go. */
  private void compact() {
    byte[][] old = pages;
    pages = new byte[4][];
    pageCount = 0;
    position = 0;
    pageBytes = 0;
    writtenBytes = 0;
    for (int i = 0; i <= mask; i++) {
      long s = slots[i];
      if (s != 0) {
        byte[] from = old[page((int) s)];
        int at = offset((int) s);
        int length = entryLengthIn(from, at);
        int to = allocate(length);
        System.arraycopy(from, at, pages[page(to)], offset(to), length);
        slots[i] = slot((int) (s >>> 32), to);
      }
    }
  }

  private static int entryLengthIn(byte[] page, int at) {
    int keyLength = varInt(page, at);
    int valueAt = at + varIntSize(keyLength) + keyLength;
    int valueLength = varInt(page, valueAt);
    return valueAt + varIntSize(valueLength) + valueLength - at;
  }

  static int varIntSize(int v) {
    return v < 1 << 7 ? 1 : v < 1 << 14 ? 2 : v < 1 << 21 ? 3 : v < 1 << 28 ? 4 : 5;
  }

  private static int varInt(byte[] b, int at) {
    int v = 0;
    for (int s = 0; ; s += 7) {
      int x = b[at++];
      v |= (x & 0x7F) << s;
      if (x >= 0) {
        return v;
      }
    }
  }

  /** Writes {@code v} (not negative) at {@code at}; returns the offset after it. */
  private static int writeVarInt(byte[] b, int at, int v) {
    while ((v & ~0x7F) != 0) {
      b[at++] = (byte) (v & 0x7F | 0x80);
      v >>>= 7;
    }
    b[at++] = (byte) v;
    return at;
  }
}
