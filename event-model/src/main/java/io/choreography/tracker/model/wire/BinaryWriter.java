package io.choreography.tracker.model.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer with the few primitives the tracker's binary record formats use: unsigned and zig-zag
 * varints, fixed 8-byte longs, nullable UTF-8 strings and length-prefixed byte arrays. Reusable across records
 * ({@link #clear}) so that the hot path allocates little.
 */
public final class BinaryWriter {

  private byte[] buf;
  private int size;

  public BinaryWriter(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  public void clear() {
    size = 0;
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  public BinaryWriter writeByte(int b) {
    ensure(1);
    buf[size++] = (byte) b;
    return this;
  }

  /** Unsigned LEB128. */
  public BinaryWriter writeVarLong(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
    return this;
  }

  /** Zig-zag varint, for values that may be negative. */
  public BinaryWriter writeSignedVarLong(long v) {
    return writeVarLong((v << 1) ^ (v >> 63));
  }

  public BinaryWriter writeFixedLong(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  /** A string that may be null: its UTF-8 length plus one (0 for null), then the bytes. */
  public BinaryWriter writeNullableString(String s) {
    if (s == null) {
      return writeVarLong(0);
    }
    int n = s.length();
    boolean ascii = true;
    for (int i = 0; i < n && ascii; i++) {
      ascii = s.charAt(i) < 0x80;
    }
    if (ascii) {
      // ids are overwhelmingly ASCII: one byte per char, no intermediate array
      writeVarLong(n + 1L);
      ensure(n);
      for (int i = 0; i < n; i++) {
        buf[size++] = (byte) s.charAt(i);
      }
      return this;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    writeVarLong(utf8.length + 1L);
    return writeRaw(utf8, 0, utf8.length);
  }

  /** A byte array that may be null, length-prefixed like {@link #writeNullableString}. */
  public BinaryWriter writeNullableBytes(byte[] b) {
    if (b == null) {
      return writeVarLong(0);
    }
    writeVarLong(b.length + 1L);
    return writeRaw(b, 0, b.length);
  }

  private BinaryWriter writeRaw(byte[] b, int offset, int length) {
    ensure(length);
    System.arraycopy(b, offset, buf, size, length);
    size += length;
    return this;
  }
}
