package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.IncidentCommand;
import io.choreography.tracker.service.incidents.IncidentCommandJson;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Compact binary form of a {@link TrackedEvent} on the re-keying topic: a version byte, the event time (8 bytes)
 * and six length-prefixed UTF-8 strings (length -1 for null). No field names, no JSON parsing on the hot path.
 *
 * <p>Operators' incident commands share the topic, so that they reach the task that owns the incident's instance in
 * order with its events: the byte {@link #COMMAND} followed by the command's JSON ({@link IncidentCommandJson}).
 * They are rare, so their size does not matter.
 */
public final class TrackedEventCodec {

  static final int VERSION = 1;
  /** First byte of a command record. */
  static final int COMMAND = 2;

  private TrackedEventCodec() {}

  public static byte[] encode(TrackedEvent e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(96);
    out.write(VERSION);
    writeLong(out, e.eventTime());
    writeString(out, e.process());
    writeString(out, e.step());
    writeString(out, e.traceId());
    writeString(out, e.eventId());
    writeString(out, e.topic());
    writeString(out, e.type());
    return out.toByteArray();
  }

  public static byte[] encodeCommand(IncidentCommand command) {
    byte[] json = IncidentCommandJson.encode(command);
    byte[] out = new byte[json.length + 1];
    out[0] = COMMAND;
    System.arraycopy(json, 0, out, 1, json.length);
    return out;
  }

  public static boolean isCommand(byte[] bytes) {
    return bytes != null && bytes.length > 1 && bytes[0] == COMMAND;
  }

  /** Throws IllegalArgumentException on anything but a command this codec wrote. */
  public static IncidentCommand decodeCommand(byte[] bytes) {
    if (!isCommand(bytes)) {
      throw new IllegalArgumentException("not an incident command");
    }
    return IncidentCommandJson.decode(Arrays.copyOfRange(bytes, 1, bytes.length));
  }

  /** Throws IllegalArgumentException on anything this codec did not write. */
  public static TrackedEvent decode(byte[] bytes) {
    if (bytes == null || bytes.length < 9) {
      throw new IllegalArgumentException("not a tracked event: too short");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    int version = in.get();
    if (version != VERSION) {
      throw new IllegalArgumentException("unknown tracked event version " + version);
    }
    long time = in.getLong();
    try {
      return new TrackedEvent(readString(in), readString(in), readString(in), readString(in), time, readString(in),
          readString(in));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a tracked event: " + e, e);
    }
  }

  private static void writeLong(ByteArrayOutputStream out, long v) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (v >>> shift));
    }
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    if (s == null) {
      writeVarInt(out, 0);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    // 0 means null, so lengths are stored plus one
    writeVarInt(out, b.length + 1);
    out.write(b, 0, b.length);
  }

  private static void writeVarInt(ByteArrayOutputStream out, int v) {
    while ((v & ~0x7F) != 0) {
      out.write((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }

  private static String readString(ByteBuffer in) {
    int n = readVarInt(in);
    if (n == 0) {
      return null;
    }
    int length = n - 1;
    if (length > in.remaining()) {
      throw new IllegalArgumentException("string longer than the record");
    }
    String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return s;
  }

  private static int readVarInt(ByteBuffer in) {
    int v = 0;
    for (int shift = 0; shift < 32; shift += 7) {
      int b = in.get();
      v |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("malformed length");
  }
}
