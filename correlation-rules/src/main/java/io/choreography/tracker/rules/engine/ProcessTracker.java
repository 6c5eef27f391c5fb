package io.choreography.tracker.rules.engine;

import io.choreography.tracker.rules.definition.ProcessDefinition;

/**
 * The tracking semantics of one process (SPEC section 3) as a pure state machine: {@link #apply} folds one event
 * into an instance, {@link #fireDue} raises what fell due by a verdict time the caller gives. Neither does I/O nor
 * reads a clock: an event carries its arrival time, and verdicts that rest on an absence (STUCK, DEADLINE, the end
 * of a reorder window, escalations) happen only in {@code fireDue}, so the same input gives the same verdicts
 * wherever it runs. Both are idempotent: a duplicate event or a second {@code fireDue} at the same time changes
 * nothing and raises nothing. Thread-safe as long as one instance is not used by two threads at once.
 */
public final class ProcessTracker {

  private final CompiledProcess process;
  private final IncidentMessages messages;

  public ProcessTracker(CompiledProcess process, StuckMessageHint hint) {
    this.process = process;
    this.messages = new IncidentMessages(hint);
  }

  public ProcessTracker(ProcessDefinition definition) {
    this(CompiledProcess.compile(definition), StuckMessageHint.NONE);
  }

  public CompiledProcess process() {
    return process;
  }

  /**
   * Applies one event to the instance {@code state} (null when the instance does not exist yet: the event creates
   * it, SPEC 3.1). The state is changed in place; {@code out} (cleared first) holds the state, incident changes,
   * counters and the next due time. Incidents the event causes open at its arrival time.
   */
  public EngineOutput apply(InstanceState state, EngineEvent event, EngineOutput out) {
    out.reset();
    long arrival = event.arrivedAt();
    int step = event.step();
    InstanceState s = state;
    if (s == null) {
      s = new InstanceState(process, event.traceId(), event.eventTime());
      out.created = true;
    }
    out.state = s;
    long stepHash = EventIdHash.forStep(EventIdHash.of(event.eventId()), step);
    if ((s.isReached(step) && event.eventId().equals(s.eventId(step))) || s.hasSeen(stepHash)) {
      out.duplicate = true;
    } else if ((s.reachedMask() & process.choiceSiblings(step)) != 0) {
      long count = StateApplier.countUnexpected(s, step);
      StateApplier.raiseUnexpected(s, step, stepHash, count, arrival,
          messages.withdrawn(process, step, s.reachedMask() & process.choiceSiblings(step), event.eventId(), count),
          out);
    } else if (!s.running()) {
      applyAfterEnd(s, event, stepHash, arrival, out);
    } else if (s.isReached(step)) {
      applyReachedAgain(s, event, stepHash, arrival, out);
    } else {
      applyReach(s, event, arrival, out);
    }
    out.changed = !out.duplicate;
    out.nextDueAt = NextDueCalculator.nextDue(s);
    return out;
  }

  /** Convenience for callers that do not reuse an output. */
  public EngineOutput apply(InstanceState state, EngineEvent event) {
    return apply(state, event, new EngineOutput());
  }

  /**
   * Raises everything that fell due by {@code verdictTime} (SPEC 3.3, 3.5, 3.13, escalations): the caller decides
   * how far verdicts may go, e.g. not beyond what its input has been read up to. STUCK, DEADLINE and escalations
   * carry their due time; the end of a reorder window happens at the verdict time.
   */
  public EngineOutput fireDue(InstanceState state, long verdictTime, EngineOutput out) {
    out.reset();
    out.state = state;
    long early = state.earlyMask();
    boolean running = state.running();
    DueTimers.fire(state, verdictTime, out, messages);
    out.changed = !out.incidents.isEmpty() || !out.commands.isEmpty() || early != state.earlyMask()
        || running != state.running();
    out.nextDueAt = NextDueCalculator.nextDue(state);
    return out;
  }

  public EngineOutput fireDue(InstanceState state, long verdictTime) {
    return fireDue(state, verdictTime, new EngineOutput());
  }

  /** The instance's next due time without changing anything (e.g. to schedule timers after a restore). */
  public long nextDueAt(InstanceView state) {
    return NextDueCalculator.nextDue(state);
  }

  private void applyReach(InstanceState s, EngineEvent event, long arrival, EngineOutput out) {
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
    StateApplier.reach(s, step, event.eventTime(), event.eventId());
    StateApplier.resolveStuck(s, (1L << step) | process.choiceSiblings(step), arrival, out);
    boolean isEarly = Predecessors.missing(s, step) != 0;
    if (isEarly) {
      StateApplier.markEarly(s, step, arrival);
    }
    if (missingBefore != null) {
      ReorderWindow.settle(s, step, missingBefore, arrival, out, messages);
    }
    if (!isEarly && process.isEnd(step) && s.running()) {
      StateApplier.end(s, step, arrival, arrival, out, messages);
    }
  }

  private void applyReachedAgain(InstanceState s, EngineEvent event, long stepHash, long arrival, EngineOutput out) {
    int step = event.step();
    if (process.isRepeat(step)) {
      StateApplier.addSeen(s, stepHash);
      return;
    }
    long count = StateApplier.countUnexpected(s, step);
    StateApplier.raiseUnexpected(s, step, stepHash, count, arrival,
        messages.reachedAgain(process, step, event.eventId(), s.eventId(step), count), out);
  }

  /**
   * An event for an ended instance is UNEXPECTED (SPEC 3.6), except a step that transport reordering delivered
   * after the end step: arrived within the reorder window of the end step's arrival and with an event time not
   * after it.
   */
  private void applyAfterEnd(InstanceState s, EngineEvent event, long stepHash, long arrival, EngineOutput out) {
    int step = event.step();
    boolean reordered = ReorderWindow.within(s.endArrivedAt(), arrival, process.reorderWindowMillis())
        && event.eventTime() <= s.endedAt()
        && (!s.isReached(step) || process.isRepeat(step));
    if (reordered) {
      if (!s.isReached(step)) {
        StateApplier.reach(s, step, event.eventTime(), event.eventId());
      }
      if (process.isRepeat(step)) {
        StateApplier.addSeen(s, stepHash);
      }
      out.reordered++;
      return;
    }
    long count = StateApplier.countUnexpected(s, step);
    StateApplier.raiseUnexpected(s, step, stepHash, count, arrival,
        messages.afterEnd(process, step, event.eventId(), s, count), out);
  }
}
