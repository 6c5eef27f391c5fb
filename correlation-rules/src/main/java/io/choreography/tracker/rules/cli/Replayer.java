package io.choreography.tracker.rules.cli;

import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.engine.EngineEvent;
import io.choreography.tracker.rules.engine.EngineOutput;
import io.choreography.tracker.rules.engine.IncidentChange;
import io.choreography.tracker.rules.engine.EscalationCommand;
import io.choreography.tracker.rules.engine.InstanceState;
import io.choreography.tracker.rules.engine.InstanceView;
import io.choreography.tracker.rules.engine.ProcessTracker;
import io.choreography.tracker.rules.engine.TrackingEngine;
import io.choreography.tracker.rules.engine.UncorrelatedIncidents;
import io.choreography.tracker.rules.extract.ExtractedEvent;
import io.choreography.tracker.rules.extract.StepMatch;
import java.io.PrintStream;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * Runs records through extraction and the engine with a simulated clock: the clock is each record's timestamp,
 * and before a record is applied every timer due up to its timestamp fires at its due time. {@link #finish} lets
 * the clock run on until no timer is left. Prints each incident change as it happens.
 */
final class Replayer {

  /** The simulated clock. */
  private static final class SimulatedClock implements InstantSource {
    long now = Long.MIN_VALUE;

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(now);
    }

    @Override
    public long millis() {
      return now;
    }
  }

  private record Timer(long due, String key) {}

  private final SimulatedClock clock = new SimulatedClock();
  private final Function<RawRecord, ExtractedEvent> extractor;
  private final TrackingEngine engine;
  private final Map<String, Long> uncorrelated = new LinkedHashMap<>();
  private final PrintStream out;
  private final Map<String, InstanceState> instances = new LinkedHashMap<>();
  private final PriorityQueue<Timer> timers =
      new PriorityQueue<>((a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : a.key.compareTo(b.key));
  private final Map<String, Long> incidentCount = new LinkedHashMap<>();
  long records;
  long matched;
  long unmatched;
  long duplicates;
  long reordered;

  Replayer(ProcessDefinitions definitions, Function<RawRecord, ExtractedEvent> extractor, PrintStream out) {
    this.extractor = extractor;
    this.engine = new TrackingEngine(definitions);
    this.out = out;
  }

  void accept(RawRecord record) {
    records++;
    advanceTo(Math.max(clock.now, record.timestamp()));
    ExtractedEvent extracted = extractor.apply(record);
    if (!extracted.matched()) {
      unmatched++;
      return;
    }
    matched++;
    for (StepMatch match : extracted.matches()) {
      ProcessTracker tracker = engine.tracker(match.process());
      if (tracker == null) {
        continue;
      }
      int step = tracker.process().stepIndex(match.step());
      if (step < 0) {
        continue;
      }
      if (match.traceId() == null) {
        long count = uncorrelated.merge(match.process() + '/' + match.step(), 1L, Long::sum);
        report(UncorrelatedIncidents.counted(tracker.process(), step, count, clock.now));
        continue;
      }
      EngineEvent event = new EngineEvent(match.process(), step, match.traceId(), match.eventId(),
          match.time().toEpochMilli(), record.topic(), extracted.type(), clock.now);
      String key = match.process() + '/' + match.traceId();
      EngineOutput result = tracker.apply(instances.get(key), event);
      instances.put(key, result.state());
      duplicates += result.duplicate() ? 1 : 0;
      reordered += result.reordered();
      report(result);
      schedule(key, result.nextDueAtMillis());
    }
  }

  /** Fires every timer due up to {@code time}, each at its own due time, then sets the clock to {@code time}. */
  void advanceTo(long time) {
    while (!timers.isEmpty() && timers.peek().due <= time) {
      Timer t = timers.poll();
      InstanceState s = instances.get(t.key);
      ProcessTracker tracker = engine.tracker(s.process().id());
      if (tracker.nextDueAt(s) != t.due) {
        continue; // stale: the instance moved on since this timer was scheduled
      }
      clock.now = Math.max(clock.now, t.due);
      EngineOutput result = tracker.fireDue(s, t.due);
      report(result);
      schedule(t.key, result.nextDueAtMillis());
    }
    clock.now = Math.max(clock.now, time);
  }

  /** Lets the clock run on until no timer is left; returns the final clock time. */
  long finish() {
    while (!timers.isEmpty()) {
      advanceTo(timers.peek().due);
    }
    return clock.now;
  }

  private void schedule(String key, long due) {
    if (due != InstanceView.NONE) {
      timers.add(new Timer(due, key));
    }
  }

  private void report(EngineOutput result) {
    for (IncidentChange c : result.incidents()) {
      report(c);
    }
    for (EscalationCommand c : result.commands()) {
      out.println(clock.instant() + " ESCALATE " + c.process() + "/" + c.traceId() + " emit " + c.type() + " to "
          + c.topic() + " (due " + c.dueAt() + ")");
    }
  }

  private void report(IncidentChange c) {
    var i = c.incident();
    if (c.kind() == IncidentChange.Kind.OPENED) {
      incidentCount.merge(i.type().name(), 1L, Long::sum);
    }
    out.println(clock.instant() + " " + c.kind() + " " + i.type() + " " + i.process() + "/"
        + (i.traceId() == null ? "-" : i.traceId()) + (i.step() == null ? "" : " " + i.step()) + ": " + i.message()
        + (i.count() > 1 ? " [count " + i.count() + "]" : "") + " (id " + i.id() + ")");
  }

  Map<String, InstanceState> instances() {
    return instances;
  }

  Map<String, Long> openedIncidentsByType() {
    return incidentCount;
  }
}
