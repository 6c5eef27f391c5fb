package io.choreography.tracker.rules.engine;

import io.choreography.tracker.rules.definition.ProcessDefinition;
import java.time.InstantSource;

/**
 * The tracking semantics of one process (SPEC section 3) as a pure state machine: {@link #apply} folds one event
 * into an instance, {@link #fireDue} raises what fell due by the injected clock. Neither does I/O; both are
 * idempotent: a duplicate event or a second {@code fireDue} at the same time changes nothing and raises nothing.
 * Thread-safe as long as one instance is not used by two threads at once.
 */
public final class ProcessTracker {

  private final CompiledProcess process;
  private final InstantSource clock;
  private final IncidentMessages messages;

  public ProcessTracker(CompiledProcess process, InstantSource clock, StuckMessageHint hint) {
    this.process = process;
    this.clock = clock;
    this.messages = new IncidentMessages(hint);
  }

  public ProcessTracker(ProcessDefinition definition, InstantSource clock) {
    this(CompiledProcess.compile(definition), clock, StuckMessageHint.NONE);
  }

  public CompiledProcess process() {
    return process;
  }

  /**
   * Applies one event to the instance {@code state} (null when the instance does not exist yet: the event creates
   * it, SPEC 3.1). The state is changed in place; {@code out} (cleared first) holds the state, incident changes,
   * counters and the next due time.
   */
  public EngineOutput apply(InstanceState state, EngineEvent event, EngineOutput out) {
    out.reset();
    long now = clock.millis();
    int step = event.step();
    InstanceState s = state;
    if (s == null) {
      s = new InstanceState(process, event.traceId(), event.eventTime());
      out.created = true;
    }
    out.state = s;
    long hash = EventIdHash.of(event.eventId());
    long stepHash = EventIdHash.forStep(hash, step);
    if ((s.isReached(step) && s.eventIdHash(step) == hash) || s.hasSeen(stepHash)) {
      out.duplicate = true;
    } else if ((s.reachedMask() & process.choiceSiblings(step)) != 0) {
      long count = StateApplier.countUnexpected(s, step);
      StateApplier.raiseUnexpected(s, step, stepHash, count, now,
          messages.withdrawn(process, step, s.reachedMask() & process.choiceSiblings(step), event.eventId(), count),
          out);
    } else if (!s.running()) {
      applyAfterEnd(s, event, hash, stepHash, now, out);
    } else if (s.isReached(step)) {
      applyReachedAgain(s, event, stepHash, now, out);
    } else {
      applyReach(s, event, hash, now, out);
    }
    out.nextDueAt = NextDueCalculator.nextDue(s);
    return out;
  }

  /** Convenience for callers that do not reuse an output. */
  public EngineOutput apply(InstanceState state, EngineEvent event) {
    return apply(state, event, new EngineOutput());
  }

  /** Raises everything that fell due at the clock's current time (SPEC 3.3, 3.5, escalations). */
  public EngineOutput fireDue(InstanceState state, EngineOutput out) {
    out.reset();
    out.state = state;
    DueTimers.fire(state, clock.millis(), out, messages);
    out.nextDueAt = NextDueCalculator.nextDue(state);
    return out;
  }

  public EngineOutput fireDue(InstanceState state) {
    return fireDue(state, new EngineOutput());
  }

  /** The instance's next due time without changing anything (e.g. to schedule timers after a restore). */
  public long nextDueAt(InstanceView state) {
    return NextDueCalculator.nextDue(state);
  }

  private void applyReach(InstanceState s, EngineEvent event, long hash, long now, EngineOutput out) {
    int step = event.step();
    long early = s.earlyMask();
    long[] missingBefore = null;
    if (early != 0) {
      missingBefore = new long[process.stepCount()];
      for (long m = early; m != 0; m &= m - 1) {
        int e = Long.numberOfTrailingZeros(m);
        missingBefore[e] = Predecessors.missing(s, e);
      }
    }
    StateApplier.reach(s, step, event.eventTime(), event.eventId(), hash);
    StateApplier.resolveStuck(s, (1L << step) | process.choiceSiblings(step), now, out);
    boolean isEarly = Predecessors.missing(s, step) != 0;
    if (isEarly) {
      StateApplier.markEarly(s, step, now);
    }
    if (missingBefore != null) {
      ReorderWindow.settle(s, step, missingBefore, now, out, messages);
    }
    if (!isEarly && process.isEnd(step) && s.running()) {
      StateApplier.end(s, step, now, out, messages);
    }
  }

  private void applyReachedAgain(InstanceState s, EngineEvent event, long stepHash, long now, EngineOutput out) {
    int step = event.step();
    if (process.isRepeat(step)) {
      StateApplier.addSeen(s, stepHash);
      return;
    }
    long count = StateApplier.countUnexpected(s, step);
    StateApplier.raiseUnexpected(s, step, stepHash, count, now,
        messages.reachedAgain(process, step, event.eventId(), s.eventId(step), count), out);
  }

  /**
   * An event for an ended instance is UNEXPECTED (SPEC 3.6), except a step that transport reordering delivered
   * after the end step: within the reorder window of the end and with an event time not after it.
   */
  private void applyAfterEnd(InstanceState s, EngineEvent event, long hash, long stepHash, long now,
      EngineOutput out) {
    int step = event.step();
    boolean reordered = now - s.endedWallAt() <= process.reorderWindowMillis()
        && event.eventTime() <= s.endedAt()
        && (!s.isReached(step) || process.isRepeat(step));
    if (reordered) {
      if (!s.isReached(step)) {
        StateApplier.reach(s, step, event.eventTime(), event.eventId(), hash);
      }
      if (process.isRepeat(step)) {
        StateApplier.addSeen(s, stepHash);
      }
      out.reordered++;
      return;
    }
    long count = StateApplier.countUnexpected(s, step);
    StateApplier.raiseUnexpected(s, step, stepHash, count, now,
        messages.afterEnd(process, step, event.eventId(), s, count), out);
  }
}
