package io.choreography.tracker.rules.tracking.state.memory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte values by string key, with no heap object per entry, for the in-memory state of replay: a million open
 * instances and their key links must not be a million objects the collector traces and, as they change, copies out
 * of the young generation (with maps of nodes, strings and arrays, the collector took about half of the tracker's
 * CPU in {@code KeyedTrackerBenchmark}).
 *
 * <p>Open addressing with linear probing over two primitive arrays: the key's 32-bit hash and where its entry lies.
 * Entries are appended to byte pages of 1 MiB: the key's length and UTF-8 bytes, then the value's length and bytes.
 * A lookup reads the slot's hash, then verifies the key inside the entry it points to (which holds the value too):
 * no key object is kept. Removal shifts the probe chain back (no tombstones). An entry replaced or removed leaves its
 * bytes behind; once the pages hold more than twice the live bytes (and a few pages more), the live entries are
 * copied to fresh pages, so that space stays proportional to what is stored. Not thread-safe.
 */
final class ArenaTable {

  static final int PAGE_SIZE = 1 << 20;
  private static final int MIN_SLOTS = 16;

  /** The key's hash per slot; 0 marks an empty slot (a key whose hash is 0 is stored as 1). */
  private int[] hashes;
  /** Per slot: page index in the upper 32 bits, offset in the page in the lower. */
  private long[] refs;
  private int mask;
  private int shift;
  private int size;

  private byte[][] pages = new byte[4][];
  private int pageCount;
  /** Where the next entry goes in the last page. */
  private int position;
  private long pageBytes;
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

  /** The bytes of the live entries (keys, values and their lengths), for reports. */
  long liveBytes() {
    return liveBytes;
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
    long ref = refs[slot];
    byte[] page = pages[(int) (ref >>> 32)];
    int at = (int) ref;
    int keyLength = varInt(page, at);
    at += varIntSize(keyLength) + keyLength;
    int valueLength = varInt(page, at);
    return reader.read(page, at + varIntSize(valueLength), valueLength);
  }

  void put(String key, byte[] value) {
    put(key, null, value, value.length);
  }

  /**
   * Stores {@code head} (may be null) followed by the first {@code bodyLength} bytes of {@code body} under {@code
   * key}, replacing what was stored: the value is copied, the arrays stay the caller's.
   */
  void put(String key, byte[] head, byte[] body, int bodyLength) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int headLength = head == null ? 0 : head.length;
    int valueLength = headLength + bodyLength;
    int length = varIntSize(k.length) + k.length + varIntSize(valueLength) + valueLength;
    long ref = allocate(length);
    byte[] page = pages[(int) (ref >>> 32)];
    int at = writeVarInt(page, (int) ref, k.length);
    System.arraycopy(k, 0, page, at, k.length);
    at = writeVarInt(page, at + k.length, valueLength);
    if (headLength > 0) {
      System.arraycopy(head, 0, page, at, headLength);
    }
    System.arraycopy(body, 0, page, at + headLength, bodyLength);
    liveBytes += length;
    int hash = hash(key);
    int slot = find(key, hash);
    if (slot >= 0) {
      liveBytes -= entryLength(refs[slot]);
      refs[slot] = ref;
    } else {
      if (size + 1 > (mask + 1) >>> 1) {
        slots((mask + 1) << 1);
      }
      int i = home(hash);
      while (hashes[i] != 0) {
        i = (i + 1) & mask;
      }
      hashes[i] = hash;
      refs[i] = ref;
      size++;
    }
    if (pageBytes > 2 * liveBytes + 4L * PAGE_SIZE) {
      compact();
    }
  }

  /** Removes what is stored under {@code key}; whether anything was. */
  boolean remove(String key) {
    int slot = find(key);
    if (slot < 0) {
      return false;
    }
    liveBytes -= entryLength(refs[slot]);
    size--;
    // backward-shift deletion: move later entries of the probe chain into the gap unless their home lies after it
    int gap = slot;
    int i = slot;
    while (true) {
      i = (i + 1) & mask;
      int h = hashes[i];
      if (h == 0) {
        break;
      }
      int home = home(h);
      boolean staysPut = gap <= i ? home > gap && home <= i : home > gap || home <= i;
      if (!staysPut) {
        hashes[gap] = h;
        refs[gap] = refs[i];
        gap = i;
      }
    }
    hashes[gap] = 0;
    refs[gap] = 0;
    return true;
  }

  private int find(String key) {
    return find(key, hash(key));
  }

  private int find(String key, int hash) {
    int i = home(hash);
    while (true) {
      int h = hashes[i];
      if (h == 0) {
        return -1;
      }
      if (h == hash && keyEquals(key, refs[i])) {
        return i;
      }
      i = (i + 1) & mask;
    }
  }

  private boolean keyEquals(String key, long ref) {
    byte[] page = pages[(int) (ref >>> 32)];
    int at = (int) ref;
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

  private void slots(int capacity) {
    int[] oldHashes = hashes;
    long[] oldRefs = refs;
    hashes = new int[capacity];
    refs = new long[capacity];
    mask = capacity - 1;
    shift = 32 - Integer.numberOfTrailingZeros(capacity);
    if (oldHashes == null) {
      return;
    }
    for (int j = 0; j < oldHashes.length; j++) {
      int h = oldHashes[j];
      if (h != 0) {
        int i = home(h);
        while (hashes[i] != 0) {
          i = (i + 1) & mask;
        }
        hashes[i] = h;
        refs[i] = oldRefs[j];
      }
    }
  }

  private long allocate(int length) {
    if (pageCount == 0 || position + length > pages[pageCount - 1].length) {
      if (pageCount == pages.length) {
        pages = Arrays.copyOf(pages, pageCount * 2);
      }
      // an entry larger than a page gets a page of its own
      int pageSize = Math.max(PAGE_SIZE, length);
      pages[pageCount++] = new byte[pageSize];
      pageBytes += pageSize;
      position = 0;
    }
    long ref = (long) (pageCount - 1) << 32 | position;
    position += length;
    return ref;
  }

  private int entryLength(long ref) {
    return entryLengthIn(pages[(int) (ref >>> 32)], (int) ref);
  }

  /** Copies the live entries to fresh pages: the old ones, with what replaced and removed entries left, go. */
  private void compact() {
    byte[][] old = pages;
    pages = new byte[4][];
    pageCount = 0;
    position = 0;
    pageBytes = 0;
    for (int i = 0; i <= mask; i++) {
      if (hashes[i] != 0) {
        long ref = refs[i];
        byte[] from = old[(int) (ref >>> 32)];
        int length = entryLengthIn(from, (int) ref);
        long to = allocate(length);
        System.arraycopy(from, (int) ref, pages[(int) (to >>> 32)], (int) to, length);
        refs[i] = to;
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
