package io.choreography.tracker.rules.engine;

import java.nio.charset.StandardCharsets;

/** Reads what {@link ByteSink} wrote; throws {@link IllegalArgumentException} on truncated input. */
final class ByteSource {

  private final byte[] buf;
  private int pos;
  private final int end;

  ByteSource(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.pos = offset;
    this.end = offset + length;
  }

  private void need(int n) {
    if (pos + n > end) {
      throw new IllegalArgumentException("truncated instance state at byte " + pos);
    }
  }

  int readByte() {
    need(1);
    return buf[pos++] & 0xFF;
  }

  long readVarLong() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("malformed varint at byte " + pos);
  }

  long readSignedVarLong() {
    long v = readVarLong();
    return (v >>> 1) ^ -(v & 1);
  }

  long readFixedLong() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v |= (long) (buf[pos++] & 0xFF) << (8 * i);
    }
    return v;
  }

  String readString() {
    long n = readVarLong();
    if (n < 0 || n > end - pos) {
      throw new IllegalArgumentException("bad string length " + n + " at byte " + pos);
    }
    String s = new String(buf, pos, (int) n, StandardCharsets.UTF_8);
    pos += (int) n;
    return s;
  }

  boolean exhausted() {
    return pos == end;
  }
}
