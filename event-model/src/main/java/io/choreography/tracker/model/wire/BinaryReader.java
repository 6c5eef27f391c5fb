package io.choreography.tracker.model.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads what {@link BinaryWriter} wrote; throws {@link IllegalArgumentException} on truncated or malformed input. */
public final class BinaryReader {

  private final byte[] buf;
  private int pos;
  private final int end;

  public BinaryReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  public BinaryReader(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.pos = offset;
    this.end = offset + length;
  }

  private void need(long n) {
    if (n < 0 || pos + n > end) {
      throw new IllegalArgumentException("truncated record at byte " + pos);
    }
  }

  public boolean exhausted() {
    return pos >= end;
  }

  public int readByte() {
    need(1);
    return buf[pos++] & 0xFF;
  }

  public long readVarLong() {
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

  /** A varint that must fit a non-negative int. */
  public int readVarInt() {
    long v = readVarLong();
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("number out of range at byte " + pos + ": " + v);
    }
    return (int) v;
  }

  public long readSignedVarLong() {
    long v = readVarLong();
    return (v >>> 1) ^ -(v & 1);
  }

  public long readFixedLong() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v |= (long) (buf[pos++] & 0xFF) << (8 * i);
    }
    return v;
  }

  public String readNullableString() {
    long n = readVarLong();
    if (n == 0) {
      return null;
    }
    need(n - 1);
    String s = new String(buf, pos, (int) (n - 1), StandardCharsets.UTF_8);
    pos += (int) (n - 1);
    return s;
  }

  public byte[] readNullableBytes() {
    long n = readVarLong();
    if (n == 0) {
      return null;
    }
    need(n - 1);
    byte[] b = Arrays.copyOfRange(buf, pos, pos + (int) (n - 1));
    pos += (int) (n - 1);
    return b;
  }

  /** Skips what {@link BinaryWriter#writeNullableBytes} wrote, without copying it. */
  public void skipNullableBytes() {
    long n = readVarLong();
    if (n > 0) {
      need(n - 1);
      pos += (int) (n - 1);
    }
  }
}
