package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentCommand;
import io.choreography.tracker.model.intake.ForwardedMatch;
import io.choreography.tracker.model.intake.KeyLink;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.engine.EngineEvent;
import io.choreography.tracker.rules.engine.EngineOutput;
import io.choreography.tracker.rules.engine.EscalationCommand;
import io.choreography.tracker.rules.engine.IncidentChange;
import io.choreography.tracker.rules.engine.InstanceState;
import io.choreography.tracker.rules.engine.ProcessTracker;
import io.choreography.tracker.rules.engine.StuckMessageHint;
import io.choreography.tracker.rules.engine.TrackingEngine;
import io.choreography.tracker.rules.engine.UncorrelatedIncidents;
import io.choreography.tracker.rules.tracking.state.DueTimer;
import io.choreography.tracker.rules.tracking.state.TrackedInstance;
import io.choreography.tracker.rules.tracking.state.TrackingState;
import io.choreography.tracker.rules.tracking.state.mutable.MutableTrackingState;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The whole tracking semantics over stored state: step matches fold into instances (SPEC section 3), operators'
 * commands into the incidents' lifecycle, and timers that fell due by a verdict time into STUCK, DEADLINE,
 * OUT_OF_ORDER, escalations and the purge of ended instances after their retention. Results go to a {@link
 * TrackerOutput}: the incident changes with their lifecycle applied, and an instance change only when what a user
 * sees of the instance changed.
 *
 * <p>Drivers decide the time: an event carries its arrival (its record's Kafka timestamp), and {@link #fireDue}
 * takes the verdict time, up to which the absence of an event may be taken as a fact. Nothing here reads a clock,
 * so the Kafka Streams topology and the replay command, given the same input and the same verdict times, give the
 * same results. Not thread-safe: one tracker per partition (task).
 */
public final class Tracker {

  private static final System.Logger LOG = System.getLogger(Tracker.class.getName());

  private final TrackingEngine engine;
  private final TrackingState state;
  private final TrackingApplier applier;
  private final TrackerOutput output;
  private final TrackerCounters counters;
  private final long retentionMillis;
  private final EngineOutput out = new EngineOutput();
  private final VisibleInstance before = new VisibleInstance();
  private final KeyCorrelation keys;

  /**
   * @param retention how long an ended instance stays in the store after its end event arrived, so that late
   *     events are recognised
   */
  public Tracker(ProcessDefinitions definitions, StuckMessageHint hint, Duration retention,
      MutableTrackingState state, TrackerOutput output, TrackerCounters counters) {
    this.engine = new TrackingEngine(definitions, hint);
    this.state = state;
    this.applier = new TrackingApplier(state);
    this.output = output;
    this.counters = counters;
    this.retentionMillis = retention.toMillis();
    this.keys = new KeyCorrelation(state.keyLinks(), applier, output, counters);
  }

  /**
   * Applies one step match where its {@link MatchedEvent#routingKey()} is owned; a match of a process or step not
   * defined (any more) is skipped. A match without a trace id but with business keys looks them up here (SPEC 3.12).
   */
  public void apply(MatchedEvent event) {
    ProcessTracker tracker = engine.tracker(event.process());
    int step = tracker == null ? -1 : tracker.process().stepIndex(event.step());
    if (step < 0) {
      // the definition changed since the event was extracted
      counters.skipped();
      return;
    }
    if (event.traceId() == null) {
      if (event.lookup() != ForwardedMatch.NO_LOOKUP) {
        keys.lookUp(tracker.process().definition(), event);
      } else {
        countUncorrelated(tracker, step, event.arrivedAt());
      }
      return;
    }
    String key = InstanceKeys.of(event.process(), event.traceId());
    TrackedInstance stored = state.instances().get(key, tracker.process());
    InstanceState instance = stored == null ? null : stored.state();
    long oldDue = instance == null ? Schedules.NONE : Schedules.next(tracker, instance, retentionMillis);
    // an instance keeps the version it started with; one that cannot be read starts over with the current one
    String version = stored == null ? tracker.process().definition().version() : stored.version();
    before.capture(instance);
    try {
      tracker.apply(instance, new EngineEvent(event.process(), step, event.traceId(), event.eventId(),
          event.eventTime(), event.topic(), event.type(), event.arrivedAt()), out);
    } catch (RuntimeException e) {
      // a rule failing on one event must not block its partition forever (a driver would replay it on and on)
      counters.skipped();
      LOG.log(System.Logger.Level.ERROR, "event " + event.eventId() + " of " + key
          + " not tracked: the engine failed on it", e);
      return;
    }
    counters.event();
    if (out.duplicate()) {
      counters.duplicate();
      return;
    }
    counters.reordered(out.reordered());
    if (out.created()) {
      counters.created();
    }
    InstanceState after = out.state();
    applier.storeInstance(key, version, after, oldDue, Schedules.next(tracker, after, retentionMillis));
    publish(key, version, after, event.arrivedAt(), keys.linkValues(key, event, event.traceId()));
  }

  /**
   * A business key value linked to an instance (or the link removed), where its link key is owned: the events that
   * waited for it go on to the instance (SPEC 3.12). A link of a process not defined (any more) is skipped.
   */
  public void link(KeyLink link) {
    ProcessTracker tracker = engine.tracker(link.process());
    if (tracker == null) {
      counters.skipped();
      return;
    }
    keys.link(link, tracker.process().definition().reorderWindow().toMillis());
  }

  /**
   * An operator's acknowledge or resolve, with the time the API accepted it (so that a replay publishes the same
   * change). Entries for an incident whose instance is not stored get a timer of their own, so that they leave
   * after the retention like the instance's would.
   */
  public void command(IncidentCommand command) {
    Incident documented = command.asDocumented();
    String owner = InstanceKeys.ownerOf(documented);
    boolean hadEntries = state.lifecycles().anyFor(owner);
    IncidentOverlay.Update update = IncidentOverlay.command(command, state.lifecycles());
    if (update == null) {
      return;
    }
    applier.storeLifecycle(update);
    long at = command.requestedAt().toEpochMilli();
    if (!hadEntries && documented.traceId() != null && !state.instances().contains(owner)) {
      applier.schedule(at + retentionMillis, owner);
    }
    output.incidentChanged(update.change(), at);
  }

  /**
   * Fires the timers due by {@code verdictTime}, earliest first, at most {@code limit} (the rest wait for the next
   * call); returns how many were visited. The driver decides how far verdicts may go: every verdict that rests on
   * an absence (STUCK, DEADLINE, the end of a reorder window, escalations, the purge after the retention) happens
   * here and nowhere else. For a driver in which nothing is routed between tasks (one tracker owns everything).
   */
  public int fireDue(long verdictTime, int limit) {
    return fireDue(verdictTime, verdictTime, limit);
  }

  /**
   * As {@link #fireDue(long, int)}, with the verdict time of what rests on records routed between tasks ({@link
   * TaskWatermarks}, no later than {@code verdictTime}): the events waiting for a key's link and the instances of
   * processes with keys go no further than {@code routedVerdictTime}.
   */
  public int fireDue(long verdictTime, long routedVerdictTime, int limit) {
    List<DueTimer> due = state.dueIndex().dueBy(verdictTime, limit);
    long skipped = Long.MAX_VALUE;
    for (DueTimer timer : due) {
      long verdict = verdictTime;
      if (routedVerdictTime < verdictTime && routed(timer.key())) {
        if (timer.dueAt() > routedVerdictTime) {
          // its events or its link may still be on their way from another task: the next call looks again
          skipped = Math.min(skipped, timer.dueAt());
          continue;
        }
        verdict = routedVerdictTime;
      }
      applier.unschedule(timer);
      fire(timer.key(), verdict);
    }
    if (skipped != Long.MAX_VALUE) {
      applier.revisitFrom(skipped);
    }
    counters.timersVisited(due.size());
    return due.size();
  }

  /** Whether what the timer decides may rest on records routed between tasks: its process has business keys. */
  private boolean routed(String key) {
    ProcessTracker tracker = engine.tracker(InstanceKeys.processOf(key));
    return tracker != null && !tracker.process().definition().keys().isEmpty();
  }

  private void fire(String key, long verdictTime) {
    ProcessTracker tracker = engine.tracker(InstanceKeys.processOf(key));
    if (tracker == null) {
      return;
    }
    if (ForwardedMatch.isLinkKey(key)) {
      keys.expire(key, verdictTime, tracker.process().definition().reorderWindow().toMillis());
      return;
    }
    TrackedInstance stored = state.instances().get(key, tracker.process());
    if (stored == null) {
      if (!state.instances().contains(key)) {
        // the timer of lifecycle entries whose instance is not stored (see command)
        applier.forgetLifecycles(key);
      }
      return;
    }
    InstanceState instance = stored.state();
    before.capture(instance);
    tracker.fireDue(instance, verdictTime, out);
    if (out.changed()) {
      publish(key, stored.version(), instance, verdictTime, null);
    }
    long next = tracker.nextDueAt(instance);
    if (!instance.running() && Schedules.expiresAt(instance, retentionMillis) <= verdictTime
        && (next == Schedules.NONE || next > verdictTime)) {
      applier.purge(key);
      keys.unlinkAll(key, verdictTime);
      counters.expired();
      return;
    }
    if (out.changed()) {
      applier.storeInstance(key, stored.version(), instance);
    }
    // the visited timer is gone; put back the instance's (putting one that exists changes nothing)
    applier.schedule(Schedules.next(tracker, instance, retentionMillis), key);
  }

  private void countUncorrelated(ProcessTracker tracker, int step, long arrivedAt) {
    String process = tracker.process().id();
    String stepId = tracker.process().stepId(step);
    long count = state.uncorrelatedCounts().count(process, stepId) + 1;
    applier.countUncorrelated(process, stepId, count);
    counters.uncorrelated();
    publishIncident(UncorrelatedIncidents.counted(tracker.process(), step, count, arrivedAt), arrivedAt);
  }

  /** The engine's output: incident changes, escalations, then the instance if a user sees it changed. */
  private void publish(String key, String version, InstanceState instance, long at,
      KeyCorrelation.Linked linked) {
    for (IncidentChange change : out.incidents()) {
      publishIncident(change, at);
    }
    for (EscalationCommand command : out.commands()) {
      output.escalation(command, at);
    }
    if (before.changedIn(instance) || linked != null && linked.changed()) {
      // the values the event just linked were read already; otherwise read them only for a process with keys
      Map<String, List<String>> linkedKeys = linked != null ? linked.keys()
          : instance.process().definition().keys().isEmpty() ? Map.of() : state.keyLinks().keysOf(key);
      output.instanceChanged(new InstanceChange(key, version, instance, OpenIncidents.of(instance),
          StepDurations.of(instance), at, linkedKeys));
    }
  }

  /** An engine's incident change, as the lifecycle lets it through. */
  private void publishIncident(IncidentChange engineChange, long at) {
    IncidentOverlay.Update update = IncidentOverlay.engineChange(engineChange, state.lifecycles());
    if (update == null) {
      return;
    }
    applier.storeLifecycle(update);
    if (update.change().kind() == PublishedChange.Kind.OPENED) {
      counters.opened(update.change().incident().type());
    }
    output.incidentChanged(update.change(), at);
  }
}
