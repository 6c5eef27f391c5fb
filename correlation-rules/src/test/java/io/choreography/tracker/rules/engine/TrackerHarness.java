package io.choreography.tracker.rules.engine;

import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.rules.definition.ProcessDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One instance driven through a tracker, collecting every incident change. The clock is both when events arrive
 * and the verdict time timers fire at: no lag between arriving and being read.
 */
final class TrackerHarness {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  final MutableClock clock = new MutableClock(T0);
  final ProcessTracker tracker;
  final List<IncidentChange> changes = new ArrayList<>();
  final List<EscalationCommand> commands = new ArrayList<>();
  InstanceState state;
  EngineOutput last;
  int reordered;
  int duplicates;
  private int seq;

  TrackerHarness(ProcessDefinition definition) {
    this(definition, StuckMessageHint.NONE);
  }

  TrackerHarness(ProcessDefinition definition, StuckMessageHint hint) {
    tracker = new ProcessTracker(CompiledProcess.compile(definition), hint);
  }

  /** Event of {@code step} with a fresh id, event time = T0 + offset. */
  EngineOutput event(String step, Duration eventTimeOffset) {
    return event(step, "ev-" + (++seq) + "-" + step, eventTimeOffset);
  }

  EngineOutput event(String step, String eventId, Duration eventTimeOffset) {
    EngineEvent e = EngineEvent.of(tracker.process(), step, "trace-1", eventId,
        T0.plus(eventTimeOffset).toEpochMilli(), "topic", "Type", clock.millis());
    return record(tracker.apply(state, e));
  }

  EngineOutput fire() {
    return record(tracker.fireDue(state, clock.millis()));
  }

  /** Moves the clock to T0 + offset and fires what fell due. */
  EngineOutput at(Duration offset) {
    clock.set(T0.plus(offset));
    return fire();
  }

  private EngineOutput record(EngineOutput out) {
    state = out.state();
    last = out;
    changes.addAll(out.incidents());
    commands.addAll(out.commands());
    reordered += out.reordered();
    duplicates += out.duplicate() ? 1 : 0;
    return out;
  }

  List<IncidentChange> changes(IncidentType type) {
    return changes.stream().filter(c -> c.incident().type() == type).toList();
  }

  List<IncidentChange> opened() {
    return changes.stream().filter(c -> c.kind() == IncidentChange.Kind.OPENED).toList();
  }
}
