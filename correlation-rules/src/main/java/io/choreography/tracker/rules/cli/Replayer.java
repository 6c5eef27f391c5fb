package io.choreography.tracker.rules.cli;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.InstanceSnapshot;
import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.engine.EscalationCommand;
import io.choreography.tracker.rules.engine.InstanceSnapshots;
import io.choreography.tracker.rules.engine.InstanceView;
import io.choreography.tracker.rules.engine.StuckMessageHint;
import io.choreography.tracker.rules.extract.ExtractedEvent;
import io.choreography.tracker.rules.extract.StepMatch;
import io.choreography.tracker.rules.tracking.InstanceChange;
import io.choreography.tracker.rules.tracking.LocalRouting;
import io.choreography.tracker.rules.tracking.MatchedEvent;
import io.choreography.tracker.rules.tracking.PublishedChange;
import io.choreography.tracker.rules.tracking.Tracker;
import io.choreography.tracker.rules.tracking.TrackerCounters;
import io.choreography.tracker.rules.tracking.state.memory.InMemoryTrackingState;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs records through extraction and the tracker the service runs, on in-memory state. The caller gives, with
 * each record, the verdict time before it (how far the absence of events may be taken as a fact); every timer due
 * up to it fires at its own due time, in due-time order, before the record is applied with its timestamp as its
 * arrival. {@link #finish} lets the verdict time run on until no timer is left. Prints each incident change and
 * escalation as it happens.
 */
final class Replayer extends LocalRouting implements TrackerCounters {

  private final Function<RawRecord, ExtractedEvent> extractor;
  private final InMemoryTrackingState state = new InMemoryTrackingState();
  private final Tracker tracker;
  private final ReplayReport report;
  private final Map<String, InstanceSnapshot> instances = new LinkedHashMap<>();
  private final Map<String, Long> incidentCount = new LinkedHashMap<>();
  private long verdictTime = Long.MIN_VALUE;
  /** The latest time on the tracker's time line so far: verdict times and arrivals. */
  private long clock = Long.MIN_VALUE;
  long records;
  long matched;
  long unmatched;
  long duplicates;
  long reordered;

  Replayer(ProcessDefinitions definitions, Duration retention, Function<RawRecord, ExtractedEvent> extractor,
      ReplayReport report) {
    this.extractor = extractor;
    this.tracker = new Tracker(definitions, StuckMessageHint.NONE, retention, state, this, this);
    this.report = report;
  }

  /** Applies one record after every timer due by {@code verdictTime} (verdict times never go back). */
  void accept(RawRecord record, long verdictTime) {
    records++;
    advanceTo(verdictTime);
    clock = Math.max(clock, record.timestamp());
    ExtractedEvent extracted = extractor.apply(record);
    if (!extracted.matched()) {
      unmatched++;
      return;
    }
    matched++;
    for (StepMatch match : extracted.matches()) {
      tracker.apply(MatchedEvent.read(match.process(), match.step(), match.traceId(), match.eventId(),
          match.time().toEpochMilli(), record.topic(), extracted.type(), record.timestamp(), match.keys()));
      deliver(tracker);
    }
  }

  /** Fires every timer due up to {@code time}, each at its own due time. */
  void advanceTo(long time) {
    verdictTime = Math.max(verdictTime, time);
    long next;
    while ((next = state.dueIndex().earliestDueAt()) != InstanceView.NONE && next <= verdictTime) {
      clock = Math.max(clock, next);
      tracker.fireDue(next, Integer.MAX_VALUE);
      deliver(tracker);
    }
    clock = Math.max(clock, verdictTime);
  }

  /** Lets the verdict time run on until no timer is left; returns where it stopped. */
  long finish() {
    long next;
    while ((next = state.dueIndex().earliestDueAt()) != InstanceView.NONE) {
      advanceTo(next);
    }
    return clock;
  }

  /** The last published view of each instance, in order of appearance (also of those purged since). */
  Map<String, InstanceSnapshot> instances() {
    return instances;
  }

  Map<String, Long> openedIncidentsByType() {
    return incidentCount;
  }

  @Override
  public void instanceChanged(InstanceChange change) {
    instances.put(change.key(), InstanceSnapshots.of(change.state()));
  }

  @Override
  public void incidentChanged(PublishedChange change, long at) {
    report.incidentChanged(change, at);
  }

  @Override
  public void escalation(EscalationCommand c, long at) {
    report.escalation(c, at);
  }

  @Override
  public void duplicate() {
    duplicates++;
  }

  @Override
  public void reordered(int count) {
    reordered += count;
  }

  @Override
  public void opened(IncidentType type) {
    incidentCount.merge(type.name(), 1L, Long::sum);
  }
}
