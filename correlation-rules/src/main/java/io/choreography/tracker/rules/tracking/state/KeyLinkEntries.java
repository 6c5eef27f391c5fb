package io.choreography.tracker.rules.tracking.state;

import io.choreography.tracker.model.wire.BinaryReader;
import io.choreography.tracker.model.wire.BinaryWriter;
import io.choreography.tracker.rules.tracking.MatchedEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of the entries of {@link KeyLinksState} for drivers that keep bytes (the service's state store):
 * a version byte, then the events waiting for a link, or the key values of an instance.
 */
public final class KeyLinkEntries {

  private static final int VERSION = 1;

  private KeyLinkEntries() {}

  public static byte[] encodeWaiting(List<MatchedEvent> events) {
    BinaryWriter out = new BinaryWriter(64 + 96 * events.size());
    out.writeByte(VERSION).writeVarLong(events.size());
    for (MatchedEvent e : events) {
      out.writeNullableString(e.process()).writeNullableString(e.step()).writeNullableString(e.eventId())
          .writeFixedLong(e.eventTime()).writeNullableString(e.topic()).writeNullableString(e.type())
          .writeFixedLong(e.arrivedAt()).writeVarLong(e.lookup() + 1L).writeVarLong(e.keys().size());
      e.keys().forEach((name, value) -> out.writeNullableString(name).writeNullableString(value));
    }
    return out.toByteArray();
  }

  public static List<MatchedEvent> decodeWaiting(byte[] bytes) {
    return decodeWaiting(bytes, 0, bytes.length);
  }

  /** Decodes the {@code length} bytes of {@code bytes} from {@code offset}. */
  public static List<MatchedEvent> decodeWaiting(byte[] bytes, int offset, int length) {
    BinaryReader in = reader(bytes, offset, length);
    int n = in.readVarInt();
    List<MatchedEvent> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String process = in.readNullableString();
      String step = in.readNullableString();
      String eventId = in.readNullableString();
      long eventTime = in.readFixedLong();
      String topic = in.readNullableString();
      String type = in.readNullableString();
      long arrivedAt = in.readFixedLong();
      int lookup = (int) (in.readVarLong() - 1);
      int keyCount = in.readVarInt();
      Map<String, String> keys = new LinkedHashMap<>();
      for (int k = 0; k < keyCount; k++) {
        keys.put(in.readNullableString(), in.readNullableString());
      }
      events.add(new MatchedEvent(process, step, null, eventId, eventTime, topic, type, arrivedAt, keys, lookup));
    }
    return events;
  }

  public static byte[] encodeKeys(Map<String, List<String>> keys) {
    BinaryWriter out = new BinaryWriter(64);
    out.writeByte(VERSION).writeVarLong(keys.size());
    keys.forEach((name, values) -> {
      out.writeNullableString(name).writeVarLong(values.size());
      values.forEach(out::writeNullableString);
    });
    return out.toByteArray();
  }

  public static Map<String, List<String>> decodeKeys(byte[] bytes) {
    return decodeKeys(bytes, 0, bytes.length);
  }

  /** Decodes the {@code length} bytes of {@code bytes} from {@code offset}. */
  public static Map<String, List<String>> decodeKeys(byte[] bytes, int offset, int length) {
    BinaryReader in = reader(bytes, offset, length);
    int n = in.readVarInt();
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String name = in.readNullableString();
      int count = in.readVarInt();
      List<String> values = new ArrayList<>(count);
      for (int v = 0; v < count; v++) {
        values.add(in.readNullableString());
      }
      keys.put(name, List.copyOf(values));
    }
    return keys;
  }

  private static BinaryReader reader(byte[] bytes, int offset, int length) {
    BinaryReader in = new BinaryReader(bytes, offset, length);
    int version = in.readByte();
    if (version != VERSION) {
      throw new IllegalArgumentException("unknown key link entry version " + version);
    }
    return in;
  }
}
