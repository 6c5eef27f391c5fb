package io.choreography.tracker.rules.engine;

import io.choreography.tracker.model.InstanceStatus;

/**
 * Compact binary form of an {@link InstanceState}, one entry per instance in the state store.
 *
 * <p>Layout (version 1): version byte; flags byte (bits 0-1 phase, 2 ended, 3 early steps, 4 incident bookkeeping,
 * 5 seen hashes); step count (varint, checked against the process on decode); trace id; start time (zig-zag
 * varint epoch ms); reached-step mask (varint); per reached step, in index order: event time as a delta from the
 * start (zig-zag) and the event id string. Then, when flagged: end time and the end event's arrival as deltas; the
 * early mask and each early event's arrival as a delta; STUCK open/raised masks, DEADLINE state, escalations
 * fired, OUT_OF_ORDER and UNEXPECTED masks with one count per UNEXPECTED step; the seen hashes (8 bytes each).
 * States written when those two times were the wall clock of reading read the same way: the meaning moved, the
 * format did not.
 *
 * <p>The reached steps' event id strings are kept because the API shows them ({@code steps:{id:{reachedAt,
 * eventId}}}); their 64-bit hashes are recomputed on decode instead of stored. The process id and definition
 * version are not written: they belong in the store key, since instances keep the version they started with.
 */
public final class InstanceStateCodec {

  public static final int VERSION = 1;

  private static final int ENDED = 1 << 2;
  private static final int EARLY = 1 << 3;
  private static final int INCIDENTS = 1 << 4;
  private static final int SEEN = 1 << 5;

  private InstanceStateCodec() {}

  public static byte[] encode(InstanceView s) {
    ByteSink sink = new ByteSink(64);
    encode(s, sink);
    return sink.toByteArray();
  }

  /** Appends the encoding to {@code sink} (not cleared first). */
  public static void encode(InstanceView s, ByteSink sink) {
    boolean incidents = s.stuckRaisedMask() != 0 || s.deadlineState() != 0 || s.escalationsFired() != 0
        || s.outOfOrderRaisedMask() != 0 || s.unexpectedRaisedMask() != 0;
    int flags = s.phase().ordinal() == 0 ? 0 : (s.phase() == InstanceStatus.COMPLETED ? 1 : 2);
    flags |= s.endedAt() != InstanceView.NONE ? ENDED : 0;
    flags |= s.earlyMask() != 0 ? EARLY : 0;
    flags |= incidents ? INCIDENTS : 0;
    flags |= s.seenCount() != 0 ? SEEN : 0;
    long start = s.startedAt();
    sink.writeByte(VERSION);
    sink.writeByte(flags);
    sink.writeVarLong(s.process().stepCount());
    sink.writeString(s.traceId());
    sink.writeSignedVarLong(start);
    long reached = s.reachedMask();
    sink.writeVarLong(reached);
    for (long m = reached; m != 0; m &= m - 1) {
      int step = Long.numberOfTrailingZeros(m);
      sink.writeSignedVarLong(s.reachedAt(step) - start);
      sink.writeString(s.eventId(step));
    }
    if ((flags & ENDED) != 0) {
      sink.writeSignedVarLong(s.endedAt() - start);
      sink.writeSignedVarLong(s.endArrivedAt() - start);
    }
    if ((flags & EARLY) != 0) {
      sink.writeVarLong(s.earlyMask());
      for (long m = s.earlyMask(); m != 0; m &= m - 1) {
        sink.writeSignedVarLong(s.earlyArrivedAt(Long.numberOfTrailingZeros(m)) - start);
      }
    }
    if (incidents) {
      sink.writeVarLong(s.stuckOpenMask());
      sink.writeVarLong(s.stuckRaisedMask());
      sink.writeByte(s.deadlineState());
      sink.writeVarLong(s.escalationsFired() & 0xFFFFFFFFL);
      sink.writeVarLong(s.outOfOrderRaisedMask());
      sink.writeVarLong(s.unexpectedRaisedMask());
      for (long m = s.unexpectedRaisedMask(); m != 0; m &= m - 1) {
        sink.writeVarLong(s.unexpectedCount(Long.numberOfTrailingZeros(m)));
      }
    }
    if ((flags & SEEN) != 0) {
      sink.writeVarLong(s.seenCount());
      for (int i = 0; i < s.seenCount(); i++) {
        sink.writeFixedLong(s.seen(i));
      }
    }
  }

  public static InstanceState decode(CompiledProcess process, byte[] bytes) {
    return decode(process, bytes, 0, bytes.length);
  }

  public static InstanceState decode(CompiledProcess process, byte[] bytes, int offset, int length) {
    ByteSource in = new ByteSource(bytes, offset, length);
    int version = in.readByte();
    if (version != VERSION) {
      throw new IllegalArgumentException("unknown instance state version " + version);
    }
    int flags = in.readByte();
    long steps = in.readVarLong();
    if (steps != process.stepCount()) {
      throw new IllegalArgumentException("state has " + steps + " steps, process " + process.id() + " has "
          + process.stepCount() + ": decode it with the definition version the instance started with");
    }
    String traceId = in.readString();
    long start = in.readSignedVarLong();
    InstanceState s = new InstanceState(process, traceId, start);
    s.phase = switch (flags & 3) {
      case 0 -> InstanceStatus.RUNNING;
      case 1 -> InstanceStatus.COMPLETED;
      case 2 -> InstanceStatus.FAILED;
      default -> throw new IllegalArgumentException("bad phase in instance state");
    };
    s.reached = in.readVarLong();
    for (long m = s.reached; m != 0; m &= m - 1) {
      int step = Long.numberOfTrailingZeros(m);
      s.reachedAt[step] = start + in.readSignedVarLong();
      s.eventId[step] = in.readString();
    }
    if ((flags & ENDED) != 0) {
      s.endedAt = start + in.readSignedVarLong();
      s.endArrivedAt = start + in.readSignedVarLong();
    }
    if ((flags & EARLY) != 0) {
      long early = in.readVarLong();
      for (long m = early; m != 0; m &= m - 1) {
        StateApplier.markEarly(s, Long.numberOfTrailingZeros(m), start + in.readSignedVarLong());
      }
    }
    if ((flags & INCIDENTS) != 0) {
      s.stuckOpen = in.readVarLong();
      s.stuckRaised = in.readVarLong();
      s.deadlineState = (byte) in.readByte();
      s.escalationsFired = (int) in.readVarLong();
      s.outOfOrderRaised = in.readVarLong();
      s.unexpectedRaised = in.readVarLong();
      for (long m = s.unexpectedRaised; m != 0; m &= m - 1) {
        StateApplier.restoreUnexpectedCount(s, Long.numberOfTrailingZeros(m), in.readVarLong());
      }
    }
    if ((flags & SEEN) != 0) {
      long n = in.readVarLong();
      if (n > InstanceState.MAX_SEEN) {
        throw new IllegalArgumentException("too many seen event ids: " + n);
      }
      for (int i = 0; i < n; i++) {
        StateApplier.addSeen(s, in.readFixedLong());
      }
    }
    if (!in.exhausted()) {
      throw new IllegalArgumentException("trailing bytes after instance state");
    }
    return s;
  }
}
