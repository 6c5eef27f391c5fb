package io.choreography.tracker.rules.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with varint writers; reusable across encodes to avoid garbage. */
public final class ByteSink {

  private byte[] buf;
  private int size;

  public ByteSink() {
    this(128);
  }

  public ByteSink(int capacity) {
    buf = new byte[capacity];
  }

  public void clear() {
    size = 0;
  }

  public int size() {
    return size;
  }

  /** The backing array; valid bytes are [0, size()). */
  public byte[] array() {
    return buf;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  void writeByte(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  /** Unsigned LEB128. */
  void writeVarLong(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  /** Zig-zag, for values that may be negative (time deltas). */
  void writeSignedVarLong(long v) {
    writeVarLong((v << 1) ^ (v >> 63));
  }

  void writeFixedLong(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
  }

  void writeString(String s) {
    // ids are overwhelmingly ASCII: write them byte per char without an intermediate array
    int n = s.length();
    boolean ascii = true;
    for (int i = 0; i < n && ascii; i++) {
      ascii = s.charAt(i) < 0x80;
    }
    if (ascii) {
      writeVarLong(n);
      ensure(n);
      for (int i = 0; i < n; i++) {
        buf[size++] = (byte) s.charAt(i);
      }
    } else {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      writeVarLong(utf8.length);
      ensure(utf8.length);
      System.arraycopy(utf8, 0, buf, size, utf8.length);
      size += utf8.length;
    }
  }
}
