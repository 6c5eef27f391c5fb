package io.choreography.tracker.rules.engine;

import io.choreography.tracker.model.InstanceStatus;
import java.util.Arrays;

/**
 * The mutable state of one process instance. Written only by {@link StateApplier} and the codec (both in this
 * package); everything else reads it as an {@link InstanceView}. Arrays that most instances never need (early
 * arrivals, unexpected counts, seen event ids) are allocated on first use.
 */
public final class InstanceState implements InstanceView {

  /** Most seen hashes an instance keeps; beyond that the oldest is forgotten (a repeat step's very old redelivery counts again). */
  static final int MAX_SEEN = 256;

  private final CompiledProcess process;
  private final String traceId;
  long startedAt;
  long endedAt = NONE;
  long endArrivedAt = NONE;
  InstanceStatus phase = InstanceStatus.RUNNING;
  long reached;
  final long[] reachedAt;
  final String[] eventId;
  long early;
  long[] earlyArrivedAt;
  long stuckOpen;
  long stuckRaised;
  byte deadlineState;
  int escalationsFired;
  long outOfOrderRaised;
  long unexpectedRaised;
  long[] unexpectedCount;
  long[] seen;
  int seenCount;

  InstanceState(CompiledProcess process, String traceId, long startedAt) {
    this.process = process;
    this.traceId = traceId;
    this.startedAt = startedAt;
    int n = process.stepCount();
    reachedAt = new long[n];
    eventId = new String[n];
    Arrays.fill(reachedAt, NONE);
  }

  @Override
  public CompiledProcess process() {
    return process;
  }

  @Override
  public String traceId() {
    return traceId;
  }

  @Override
  public long startedAt() {
    return startedAt;
  }

  @Override
  public long endedAt() {
    return endedAt;
  }

  @Override
  public long endArrivedAt() {
    return endArrivedAt;
  }

  @Override
  public InstanceStatus phase() {
    return phase;
  }

  @Override
  public long reachedMask() {
    return reached;
  }

  @Override
  public long reachedAt(int step) {
    return reachedAt[step];
  }

  @Override
  public String eventId(int step) {
    return eventId[step];
  }

  @Override
  public long earlyMask() {
    return early;
  }

  @Override
  public long earlyArrivedAt(int step) {
    return earlyArrivedAt == null ? NONE : earlyArrivedAt[step];
  }

  @Override
  public long stuckOpenMask() {
    return stuckOpen;
  }

  @Override
  public long stuckRaisedMask() {
    return stuckRaised;
  }

  @Override
  public byte deadlineState() {
    return deadlineState;
  }

  @Override
  public int escalationsFired() {
    return escalationsFired;
  }

  @Override
  public long outOfOrderRaisedMask() {
    return outOfOrderRaised;
  }

  @Override
  public long unexpectedRaisedMask() {
    return unexpectedRaised;
  }

  @Override
  public long unexpectedCount(int step) {
    return unexpectedCount == null ? 0 : unexpectedCount[step];
  }

  @Override
  public int seenCount() {
    return seenCount;
  }

  @Override
  public long seen(int i) {
    return seen[i];
  }

  /** Deep copy, for tests and for callers that must keep a before-image. */
  public InstanceState copy() {
    InstanceState c = new InstanceState(process, traceId, startedAt);
    c.endedAt = endedAt;
    c.endArrivedAt = endArrivedAt;
    c.phase = phase;
    c.reached = reached;
    System.arraycopy(reachedAt, 0, c.reachedAt, 0, reachedAt.length);
    System.arraycopy(eventId, 0, c.eventId, 0, eventId.length);
    c.early = early;
    c.earlyArrivedAt = earlyArrivedAt == null ? null : earlyArrivedAt.clone();
    c.stuckOpen = stuckOpen;
    c.stuckRaised = stuckRaised;
    c.deadlineState = deadlineState;
    c.escalationsFired = escalationsFired;
    c.outOfOrderRaised = outOfOrderRaised;
    c.unexpectedRaised = unexpectedRaised;
    c.unexpectedCount = unexpectedCount == null ? null : unexpectedCount.clone();
    c.seen = seen == null ? null : seen.clone();
    c.seenCount = seenCount;
    return c;
  }

  /** Equal content (arrays allocated lazily but still empty compare equal to absent ones). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof InstanceState s)) {
      return false;
    }
    if (!s.process.definition().equals(process.definition()) || !s.traceId.equals(traceId) || s.startedAt != startedAt || s.endedAt != endedAt
        || s.endArrivedAt != endArrivedAt || s.phase != phase || s.reached != reached || s.early != early
        || s.stuckOpen != stuckOpen || s.stuckRaised != stuckRaised || s.deadlineState != deadlineState
        || s.escalationsFired != escalationsFired || s.outOfOrderRaised != outOfOrderRaised
        || s.unexpectedRaised != unexpectedRaised || s.seenCount != seenCount) {
      return false;
    }
    for (int i = 0; i < reachedAt.length; i++) {
      if (s.reachedAt[i] != reachedAt[i]
          || !java.util.Objects.equals(s.eventId[i], eventId[i])
          || s.unexpectedCount(i) != unexpectedCount(i)
          || ((early & (1L << i)) != 0 && s.earlyArrivedAt(i) != earlyArrivedAt(i))) {
        return false;
      }
    }
    for (int i = 0; i < seenCount; i++) {
      if (s.seen[i] != seen[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return traceId.hashCode() * 31 + Long.hashCode(reached);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("InstanceState{").append(process.id()).append('/').append(traceId)
        .append(' ').append(status()).append(" startedAt=").append(startedAt).append(" reached=[");
    for (int i = 0; i < reachedAt.length; i++) {
      if (isReached(i)) {
        sb.append(process.stepId(i)).append('@').append(reachedAt[i]).append(' ');
      }
    }
    return sb.append("] early=").append(Long.toBinaryString(early)).append('}').toString();
  }
}
