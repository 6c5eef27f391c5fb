package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.model.intake.InputWatermark;
import io.choreography.tracker.model.wire.BinaryReader;
import io.choreography.tracker.model.wire.BinaryWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far the input has been read, as one task of the tracker learns it from the forwarders' watermarks (SPEC 3.13):
 * the lowest watermark over every live input partition. Verdicts that rest on an absence are decided up to there and
 * no further, so a tracker that lags behind its input (a burst, a restart, a rebalance, a frozen process) holds them
 * back instead of taking unread events for missing ones.
 *
 * <ul>
 *   <li>The live partitions are those of the topics the latest watermark names, whoever reads them. One of them no
 *       forwarder has said anything about yet (a new topic, a new owner still reading its backlog) holds everything.
 *   <li>Each partition's watermark is the one its current owner published last. A claim from an older consumer-group
 *       generation than the one recorded is ignored: it comes from a forwarder that lost the partition (a zombie).
 *   <li>Nothing heard yet (a fresh start, before the first watermark): hold everything.
 *   <li>No live partition at all: nothing to wait for.
 * </ul>
 */
public final class InputWatermarks {

  /** Nothing may be decided yet. */
  public static final long HOLD = Long.MIN_VALUE;
  /** Nothing to wait for. */
  public static final long NONE_TO_WAIT_FOR = Long.MAX_VALUE;

  private static final int FORMAT = 2;
  private static final int FORMAT_WITHOUT_FLOORS = 1;

  /**
   * @param floor the highest watermark ever taken for the partition, from any owner: see {@link #arrivalOf}
   */
  private record Entry(String member, int generation, long watermark, long floor) {}

  private Map<String, Integer> topics;
  private final Map<String, Map<Integer, Entry>> entries = new HashMap<>();

  /** Takes one forwarder's watermark record. */
  public void update(InputWatermark w) {
    topics = new LinkedHashMap<>(w.topics());
    for (InputWatermark.PartitionWatermark p : w.partitions()) {
      Map<Integer, Entry> byPartition = entries.computeIfAbsent(p.topic(), t -> new HashMap<>());
      Entry known = byPartition.get(p.partition());
      if (known == null || w.generation() >= known.generation()) {
        long watermark = known != null && known.member().equals(w.member()) && known.generation() == w.generation()
            ? Math.max(known.watermark(), p.watermark()) : p.watermark();
        long floor = known == null ? watermark : Math.max(known.floor(), watermark);
        byPartition.put(p.partition(), new Entry(w.member(), w.generation(), watermark, floor));
      }
    }
    // partitions of topics no longer read (deleted) hold nothing back any more
    entries.keySet().retainAll(topics.keySet());
  }

  /** The lowest watermark over the live partitions: {@link #HOLD}, a time in epoch ms, or {@link #NONE_TO_WAIT_FOR}. */
  public long low() {
    if (topics == null) {
      return HOLD;
    }
    long low = NONE_TO_WAIT_FOR;
    for (Map.Entry<String, Integer> t : topics.entrySet()) {
      Map<Integer, Entry> byPartition = entries.get(t.getKey());
      for (int p = 0; p < t.getValue(); p++) {
        Entry e = byPartition == null ? null : byPartition.get(p);
        if (e == null) {
          return HOLD;
        }
        low = Math.min(low, e.watermark());
      }
    }
    return low;
  }

  /**
   * The arrival to track a record of that input partition with: its own (its Kafka timestamp), but no earlier than
   * any watermark taken for the partition so far. A watermark says every record of the partition stamped before it
   * has been read; a record stamped earlier that is read after it (a producer that stamps records with an old time,
   * an outbox relayed late, a clock behind) must not undo a verdict already decided on that promise, so it counts as
   * arriving at the watermark. The highest watermark ever taken counts, also when a new owner of the partition
   * starts lower.
   */
  public long arrivalOf(String topic, int partition, long arrival) {
    Map<Integer, Entry> byPartition = entries.get(topic);
    Entry e = byPartition == null ? null : byPartition.get(partition);
    return e == null ? arrival : Math.max(arrival, e.floor());
  }

  /** How many live input partitions have no watermark yet (0 when none is missing). */
  public int unknownPartitions() {
    if (topics == null) {
      return 0;
    }
    int unknown = 0;
    for (Map.Entry<String, Integer> t : topics.entrySet()) {
      Map<Integer, Entry> byPartition = entries.getOrDefault(t.getKey(), Map.of());
      for (int p = 0; p < t.getValue(); p++) {
        unknown += byPartition.containsKey(p) ? 0 : 1;
      }
    }
    return unknown;
  }

  /** This state as bytes, to keep it in a store. */
  public byte[] encode() {
    BinaryWriter out = new BinaryWriter(64);
    out.writeByte(FORMAT);
    if (topics == null) {
      return out.writeByte(0).toByteArray();
    }
    out.writeByte(1).writeVarLong(topics.size());
    topics.forEach((topic, partitions) -> out.writeNullableString(topic).writeVarLong(partitions));
    out.writeVarLong(entries.size());
    entries.forEach((topic, byPartition) -> {
      out.writeNullableString(topic).writeVarLong(byPartition.size());
      byPartition.forEach((partition, e) -> out.writeVarLong(partition).writeNullableString(e.member())
          .writeSignedVarLong(e.generation()).writeFixedLong(e.watermark()).writeFixedLong(e.floor()));
    });
    return out.toByteArray();
  }

  /** The state {@link #encode} wrote; throws IllegalArgumentException on anything else. */
  public static InputWatermarks decode(byte[] bytes) {
    BinaryReader in = new BinaryReader(bytes);
    int format = in.readByte();
    if (format != FORMAT && format != FORMAT_WITHOUT_FLOORS) {
      throw new IllegalArgumentException("unknown input watermarks format");
    }
    InputWatermarks w = new InputWatermarks();
    if (in.readByte() == 0) {
      return w;
    }
    w.topics = new LinkedHashMap<>();
    for (int i = 0, n = in.readVarInt(); i < n; i++) {
      w.topics.put(in.readNullableString(), in.readVarInt());
    }
    for (int i = 0, n = in.readVarInt(); i < n; i++) {
      Map<Integer, Entry> byPartition = w.entries.computeIfAbsent(in.readNullableString(), t -> new HashMap<>());
      for (int j = 0, m = in.readVarInt(); j < m; j++) {
        int partition = in.readVarInt();
        String member = in.readNullableString();
        int generation = (int) in.readSignedVarLong();
        long watermark = in.readFixedLong();
        long floor = format == FORMAT ? in.readFixedLong() : watermark;
        byPartition.put(partition, new Entry(member, generation, watermark, floor));
      }
    }
    return w;
  }
}
