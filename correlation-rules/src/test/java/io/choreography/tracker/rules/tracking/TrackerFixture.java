package io.choreography.tracker.rules.tracking;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentCommand;
import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.InstanceSnapshot;
import io.choreography.tracker.model.intake.KeyLink;
import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.engine.EscalationCommand;
import io.choreography.tracker.rules.engine.InstanceSnapshots;
import io.choreography.tracker.rules.engine.StuckMessageHint;
import io.choreography.tracker.rules.tracking.state.memory.InMemoryTrackingState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A tracker on in-memory state with one process, recording what it publishes and counts. Times are offsets from
 * {@link #T0}: every event says when it happened and when it arrived; timers fire only when the test fires them.
 */
final class TrackerFixture extends LocalRouting implements TrackerCounters {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  /** An instance change as published, its state copied at the time. */
  record Published(String key, String version, InstanceSnapshot snapshot, List<String> openIncidents,
      Map<String, Long> stepDurationsMs, Instant at, Map<String, List<String>> keys) {}

  /** An incident change as published. */
  record IncidentEvent(PublishedChange change, Instant at) {
    Incident incident() {
      return change.incident();
    }

    PublishedChange.Kind kind() {
      return change.kind();
    }
  }

  final InMemoryTrackingState state = new InMemoryTrackingState();
  final List<KeyLink> links = new ArrayList<>();
  final Tracker tracker;
  final String process;
  final List<Published> instances = new ArrayList<>();
  final List<IncidentEvent> incidents = new ArrayList<>();
  final List<EscalationCommand> escalations = new ArrayList<>();
  final Map<IncidentType, Integer> opened = new EnumMap<>(IncidentType.class);
  int events;
  int duplicates;
  int reordered;
  int created;
  int expired;
  int skipped;
  int uncorrelated;
  int timersVisited;

  TrackerFixture(ProcessDefinition definition, Duration retention) {
    process = definition.id();
    tracker = new Tracker(new ProcessDefinitions(List.of(definition)), StuckMessageHint.NONE, retention, state,
        this, this);
  }

  /** An event of {@code trace} that happened at T0 + {@code happened} and arrived at T0 + {@code arrived}. */
  void event(String step, String trace, String eventId, Duration happened, Duration arrived) {
    tracker.apply(new MatchedEvent(process, step, trace, eventId, millis(happened), "topic", "Type", millis(arrived)));
  }

  /**
   * An event that carries business keys (and a trace id, or null), delivered with everything it routes, like a
   * service whose tasks route to one another at once.
   */
  void keyed(String step, String trace, String eventId, Duration happened, Duration arrived, Map<String, String> keys) {
    tracker.apply(MatchedEvent.read(process, step, trace, eventId, millis(happened), "topic", "Type",
        millis(arrived), keys));
    deliver(tracker);
  }

  /** Fires what fell due by T0 + {@code verdict}; returns how many timers were visited. */
  int fire(Duration verdict) {
    int visited = tracker.fireDue(millis(verdict), Integer.MAX_VALUE);
    deliver(tracker);
    return visited;
  }

  @Override
  public void linked(KeyLink link) {
    links.add(link);
    super.linked(link);
  }

  void command(IncidentCommand.Action action, Incident asDocumented, Duration requested) {
    tracker.command(new IncidentCommand(action, asDocumented.id(), T0.plus(requested), asDocumented));
  }

  static long millis(Duration offset) {
    return T0.plus(offset).toEpochMilli();
  }

  static Instant at(Duration offset) {
    return T0.plus(offset);
  }

  List<IncidentEvent> incidents(IncidentType type) {
    return incidents.stream().filter(e -> e.incident().type() == type).toList();
  }

  List<Published> instances(String trace) {
    return instances.stream().filter(p -> p.key().equals(InstanceKeys.of(process, trace))).toList();
  }

  Published last(String trace) {
    List<Published> all = instances(trace);
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  boolean stored(String trace) {
    return state.instances().contains(InstanceKeys.of(process, trace));
  }

  @Override
  public void instanceChanged(InstanceChange change) {
    instances.add(new Published(change.key(), change.version(), InstanceSnapshots.of(change.state()),
        change.openIncidents(), change.stepDurationsMs(), Instant.ofEpochMilli(change.at()), change.keys()));
  }

  @Override
  public void incidentChanged(PublishedChange change, long at) {
    incidents.add(new IncidentEvent(change, Instant.ofEpochMilli(at)));
  }

  @Override
  public void escalation(EscalationCommand command, long at) {
    escalations.add(command);
  }

  @Override
  public void event() {
    events++;
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
  public void created() {
    created++;
  }

  @Override
  public void expired() {
    expired++;
  }

  @Override
  public void skipped() {
    skipped++;
  }

  @Override
  public void uncorrelated() {
    uncorrelated++;
  }

  @Override
  public void opened(IncidentType type) {
    opened.merge(type, 1, Integer::sum);
  }

  @Override
  public void timersVisited(int count) {
    timersVisited += count;
  }
}
