package io.choreography.tracker.model.intake;

import io.choreography.tracker.model.wire.BinaryReader;
import io.choreography.tracker.model.wire.BinaryWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of {@link IntakeRecord}s: a version byte, a kind byte, then the fields. No field names and no JSON
 * on the hot path; the document, when present, comes last so that a reader that does not need it (the tracking
 * topology) skips it without copying.
 *
 * <pre>
 * event:     topic, partition, offset, arrival, type, matches[process, step, traceId, eventId, eventTime],
 *            document[index, id, json] or none
 * keyed event: as event with partition + 1 and offset + 1 (-1 when routed between tasks), each match followed by
 *            keys[name, value] and lookup + 1 (written only for a routed record or when a match has keys)
 * key link:  process, key name, value, traceId, at, removed
 * task watermark: task, levels[fixed long]
 * watermark: member, generation, publishedAt, topics[name, partitions], partitions[topic, partition, watermark]
 * command:   json
 * </pre>
 */
public final class IntakeRecordCodec {

  /** The {@code content-type} header of every record on the intake topic. */
  public static final String CONTENT_TYPE = "application/vnd.choreography-tracker.intake+binary; version=1";

  static final int VERSION = 1;
  static final int EVENT = 1;
  static final int WATERMARK = 2;
  static final int COMMAND = 3;
  static final int KEYED_EVENT = 4;
  static final int KEY_LINK = 5;
  static final int TASK_WATERMARK = 6;
  static final int TASK_WATERMARK_BATCH = 7;

  private IntakeRecordCodec() {}

  public static byte[] encode(IntakeRecord record) {
    BinaryWriter out = new BinaryWriter(record instanceof ForwardedEvent e && e.document() != null
        ? e.document().json().length + 256 : 128);
    out.writeByte(VERSION);
    if (record instanceof ForwardedEvent e) {
      writeEvent(out, e);
    } else if (record instanceof InputWatermark w) {
      writeWatermark(out, w);
    } else if (record instanceof TaskWatermark t) {
      writeTaskWatermark(out.writeByte(TASK_WATERMARK), t);
    } else if (record instanceof TaskWatermarkBatch b) {
      out.writeByte(TASK_WATERMARK_BATCH).writeVarLong(b.tasks().size());
      b.tasks().forEach(t -> writeTaskWatermark(out, t));
    } else if (record instanceof KeyLink l) {
      out.writeByte(KEY_LINK).writeNullableString(l.process()).writeNullableString(l.keyName())
          .writeNullableString(l.value()).writeNullableString(l.traceId()).writeFixedLong(l.at())
          .writeByte(l.removed() ? 1 : 0);
    } else {
      out.writeByte(COMMAND).writeNullableBytes(((ForwardedCommand) record).json());
    }
    return out.toByteArray();
  }

  /** Decodes any intake record; throws IllegalArgumentException on bytes this codec did not write. */
  public static IntakeRecord decode(byte[] bytes) {
    return decode(bytes, true);
  }

  /** As {@link #decode(byte[])}; with {@code withDocument} false an event's document is skipped (left null). */
  public static IntakeRecord decode(byte[] bytes, boolean withDocument) {
    if (bytes == null || bytes.length < 2) {
      throw new IllegalArgumentException("not an intake record: too short");
    }
    BinaryReader in = new BinaryReader(bytes);
    int version = in.readByte();
    if (version != VERSION) {
      throw new IllegalArgumentException("unknown intake record version " + version);
    }
    int kind = in.readByte();
    IntakeRecord record = switch (kind) {
      case EVENT -> readEvent(in, withDocument, false);
      case KEYED_EVENT -> readEvent(in, withDocument, true);
      case TASK_WATERMARK -> readTaskWatermark(in);
      case TASK_WATERMARK_BATCH -> readTaskWatermarkBatch(in);
      case KEY_LINK -> new KeyLink(required(in.readNullableString(), "process"),
          required(in.readNullableString(), "key name"), required(in.readNullableString(), "key value"),
          required(in.readNullableString(), "traceId"), in.readFixedLong(), in.readByte() == 1);
      case WATERMARK -> readWatermark(in);
      case COMMAND -> new ForwardedCommand(required(in.readNullableBytes(), "command"));
      default -> throw new IllegalArgumentException("unknown intake record kind " + kind);
    };
    if (!in.exhausted()) {
      throw new IllegalArgumentException("trailing bytes after intake record");
    }
    return record;
  }

  private static void writeEvent(BinaryWriter out, ForwardedEvent e) {
    // matches routed between tasks carry no partition and offset (-1), and most carry keys
    boolean keyed = e.partition() < 0 || e.offset() < 0;
    for (ForwardedMatch m : e.matches()) {
      keyed |= !m.keys().isEmpty();
    }
    int shift = keyed ? 1 : 0;
    out.writeByte(keyed ? KEYED_EVENT : EVENT)
        .writeNullableString(e.topic())
        .writeVarLong(e.partition() + (long) shift)
        .writeVarLong(e.offset() + shift)
        .writeFixedLong(e.arrival())
        .writeNullableString(e.type())
        .writeVarLong(e.matches().size());
    for (ForwardedMatch m : e.matches()) {
      out.writeNullableString(m.process())
          .writeNullableString(m.step())
          .writeNullableString(m.traceId())
          .writeNullableString(m.eventId())
          .writeFixedLong(m.eventTime());
      if (keyed) {
        out.writeVarLong(m.keys().size());
        for (Map.Entry<String, String> key : m.keys().entrySet()) {
          out.writeNullableString(key.getKey()).writeNullableString(key.getValue());
        }
        out.writeVarLong(m.lookup() + 1L);
      }
    }
    EventDocument d = e.document();
    if (d == null) {
      out.writeByte(0);
    } else {
      out.writeByte(1).writeNullableString(d.index()).writeNullableString(d.id()).writeNullableBytes(d.json());
    }
  }

  private static ForwardedEvent readEvent(BinaryReader in, boolean withDocument, boolean keyed) {
    String topic = required(in.readNullableString(), "topic");
    int shift = keyed ? 1 : 0;
    int partition = in.readVarInt() - shift;
    long offset = in.readVarLong() - shift;
    long arrival = in.readFixedLong();
    String type = in.readNullableString();
    int n = in.readVarInt();
    List<ForwardedMatch> matches = new ArrayList<>(Math.min(n, 16));
    for (int i = 0; i < n; i++) {
      String process = required(in.readNullableString(), "process");
      String step = required(in.readNullableString(), "step");
      String traceId = in.readNullableString();
      String eventId = required(in.readNullableString(), "eventId");
      long eventTime = in.readFixedLong();
      if (!keyed) {
        matches.add(new ForwardedMatch(process, step, traceId, eventId, eventTime));
        continue;
      }
      int keyCount = in.readVarInt();
      Map<String, String> keys = new LinkedHashMap<>();
      for (int k = 0; k < keyCount; k++) {
        keys.put(required(in.readNullableString(), "key name"), required(in.readNullableString(), "key value"));
      }
      int lookup = (int) (in.readVarLong() - 1);
      try {
        matches.add(new ForwardedMatch(process, step, traceId, eventId, eventTime, keys, lookup));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("intake record with a bad key lookup: " + e.getMessage(), e);
      }
    }
    EventDocument document = null;
    if (in.readByte() == 1) {
      String index = required(in.readNullableString(), "index");
      String id = required(in.readNullableString(), "id");
      if (withDocument) {
        document = new EventDocument(index, id, required(in.readNullableBytes(), "document"));
      } else {
        in.skipNullableBytes();
      }
    }
    return new ForwardedEvent(topic, partition, offset, arrival, type, matches, document);
  }

  private static void writeTaskWatermark(BinaryWriter out, TaskWatermark t) {
    out.writeVarLong(t.task()).writeVarLong(t.levels().size());
    t.levels().forEach(out::writeFixedLong);
  }

  private static TaskWatermarkBatch readTaskWatermarkBatch(BinaryReader in) {
    int n = in.readVarInt();
    List<TaskWatermark> tasks = new ArrayList<>(Math.min(n, 1024));
    for (int i = 0; i < n; i++) {
      tasks.add(readTaskWatermark(in));
    }
    return new TaskWatermarkBatch(tasks);
  }

  private static TaskWatermark readTaskWatermark(BinaryReader in) {
    int task = in.readVarInt();
    int n = in.readVarInt();
    List<Long> levels = new ArrayList<>(Math.min(n, 64));
    for (int i = 0; i < n; i++) {
      levels.add(in.readFixedLong());
    }
    return new TaskWatermark(task, levels);
  }

  private static void writeWatermark(BinaryWriter out, InputWatermark w) {
    out.writeByte(WATERMARK)
        .writeNullableString(w.member())
        .writeVarLong(w.generation() + 1L)
        .writeFixedLong(w.publishedAt())
        .writeVarLong(w.topics().size());
    for (Map.Entry<String, Integer> t : w.topics().entrySet()) {
      out.writeNullableString(t.getKey()).writeVarLong(t.getValue());
    }
    out.writeVarLong(w.partitions().size());
    for (InputWatermark.PartitionWatermark p : w.partitions()) {
      out.writeNullableString(p.topic()).writeVarLong(p.partition()).writeFixedLong(p.watermark());
    }
  }

  private static InputWatermark readWatermark(BinaryReader in) {
    String member = required(in.readNullableString(), "member");
    // stored plus one: a consumer that is not in a group reports generation -1
    int generation = (int) (in.readVarLong() - 1);
    long publishedAt = in.readFixedLong();
    int topicCount = in.readVarInt();
    Map<String, Integer> topics = new LinkedHashMap<>();
    for (int i = 0; i < topicCount; i++) {
      topics.put(required(in.readNullableString(), "topic"), in.readVarInt());
    }
    int n = in.readVarInt();
    List<InputWatermark.PartitionWatermark> partitions = new ArrayList<>(Math.min(n, 1024));
    for (int i = 0; i < n; i++) {
      partitions.add(new InputWatermark.PartitionWatermark(required(in.readNullableString(), "topic"),
          in.readVarInt(), in.readFixedLong()));
    }
    return new InputWatermark(member, generation, publishedAt, topics, partitions);
  }

  private static <T> T required(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("intake record without " + field);
    }
    return value;
  }
}
