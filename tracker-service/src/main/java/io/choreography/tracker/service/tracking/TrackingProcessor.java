package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.engine.EngineEvent;
import io.choreography.tracker.rules.engine.EngineOutput;
import io.choreography.tracker.rules.engine.EscalationCommand;
import io.choreography.tracker.rules.engine.IncidentChange;
import io.choreography.tracker.rules.engine.InstanceState;
import io.choreography.tracker.rules.engine.ProcessTracker;
import io.choreography.tracker.rules.engine.TrackingEngine;
import io.choreography.tracker.rules.engine.StuckMessageHint;
import io.choreography.tracker.rules.engine.UncorrelatedIncidents;
import io.choreography.tracker.service.incidents.IncidentCommand;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine inside the topology. Per event: load the instance, apply, store, move its timer in the due index,
 * publish the instance and its incident changes. Per wall-clock tick: visit only the timers that fell due. Runs
 * in the task's exactly-once transaction, so a crash replays both the stores and the outputs together.
 */
final class TrackingProcessor implements Processor<String, byte[], String, Outgoing> {

  private static final Logger LOG = LoggerFactory.getLogger(TrackingProcessor.class);
  private static final byte[] CLOUDEVENTS_JSON =
      IncidentCloudEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

  private final ProcessDefinitions definitions;
  private final TrackingProperties settings;
  private final TrackingMetrics metrics;
  private final StuckMessageHint hint;
  private final EngineOutput out = new EngineOutput();
  private ProcessorContext<String, Outgoing> context;
  private ProcessingClock clock;
  private TrackingEngine engine;
  private KeyValueStore<String, byte[]> instances;
  private KeyValueStore<String, Long> uncorrelatedCounts;
  private DueIndex dueIndex;
  private IncidentOverlay overlay;
  private long retentionMillis;

  TrackingProcessor(ProcessDefinitions definitions, TrackingProperties settings, TrackingMetrics metrics,
      StuckMessageHint hint) {
    this.definitions = definitions;
    this.settings = settings;
    this.metrics = metrics;
    this.hint = hint;
  }

  @Override
  public void init(ProcessorContext<String, Outgoing> context) {
    this.context = context;
    this.clock = new ProcessingClock(context);
    this.engine = new TrackingEngine(definitions, hint);
    this.instances = context.getStateStore(TrackingStores.INSTANCES);
    this.uncorrelatedCounts = context.getStateStore(TrackingStores.UNCORRELATED);
    this.dueIndex = new DueIndex(context.getStateStore(DueIndex.STORE));
    this.overlay = new IncidentOverlay(context.getStateStore(IncidentOverlay.STORE));
    this.retentionMillis = settings.retention().toMillis();
    context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::fireDue);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (TrackedEventCodec.isCommand(record.value())) {
      command(record.value());
      return;
    }
    TrackedEvent event;
    try {
      event = TrackedEventCodec.decode(record.value());
    } catch (IllegalArgumentException e) {
      metrics.skipped();
      LOG.warn("skipped a record of the re-keying topic: {}", e.getMessage());
      return;
    }
    ProcessTracker tracker = engine.tracker(event.process());
    int step = tracker == null ? -1 : tracker.process().stepIndex(event.step());
    if (step < 0) {
      // the definition changed since the event was extracted
      metrics.skipped();
      return;
    }
    if (event.traceId() == null) {
      countUncorrelated(tracker, step, record.timestamp());
      return;
    }
    apply(tracker, new EngineEvent(event.process(), step, event.traceId(), event.eventId(), event.eventTime(),
        event.topic(), event.type(), record.timestamp()));
  }

  private void apply(ProcessTracker tracker, EngineEvent event) {
    String key = InstanceKeys.of(event.process(), event.traceId());
    byte[] stored = instances.get(key);
    InstanceState state = stored == null ? null : decode(tracker, key, stored);
    long oldDue = state == null ? Schedules.NONE : Schedules.next(tracker, state, retentionMillis);
    // an instance keeps the version it started with; one that cannot be read starts over with the current one
    String version = state == null ? tracker.process().definition().version() : StoredInstance.version(stored);
    try {
      tracker.apply(state, event, out);
    } catch (RuntimeException e) {
      // a rule failing on one event must not block its partition forever (the task would replay it on and on)
      metrics.skipped();
      LOG.error("event {} of {} not tracked: the engine failed on it", event.eventId(), key, e);
      return;
    }
    metrics.event();
    if (out.duplicate()) {
      metrics.duplicate();
      return;
    }
    metrics.reordered(out.reordered());
    if (out.created()) {
      metrics.created();
    }
    InstanceState after = out.state();
    byte[] updated = StoredInstance.encode(version, after);
    if (stored != null && StoredInstance.sameState(stored, updated) && out.incidents().isEmpty()
        && out.commands().isEmpty()) {
      return;
    }
    instances.put(key, updated);
    dueIndex.move(key, oldDue, Schedules.next(tracker, after, retentionMillis));
    publish(key, version, after);
  }

  /**
   * An operator's acknowledge or resolve, with the time the API accepted it (so a replay publishes the same change).
   * Entries for an incident whose instance is not in the store get a timer of their own, so that they leave after
   * the retention like the instance's would.
   */
  private void command(byte[] value) {
    IncidentCommand command;
    try {
      command = TrackedEventCodec.decodeCommand(value);
    } catch (IllegalArgumentException e) {
      metrics.skipped();
      LOG.warn("skipped a command of the re-keying topic: {}", e.getMessage());
      return;
    }
    String owner = IncidentOverlay.owner(command.asDocumented());
    boolean hadEntries = overlay.owns(owner);
    PublishedChange change = overlay.command(command);
    if (change == null) {
      return;
    }
    if (!hadEntries && command.asDocumented().traceId() != null && instances.get(owner) == null) {
      dueIndex.put(command.requestedAt().toEpochMilli() + retentionMillis, owner);
    }
    forwardIncident(change);
  }

  /** One wall-clock tick: only the timers due by now are read. */
  private void fireDue(long wallClock) {
    long started = System.nanoTime();
    long now = clock.millis();
    List<DueIndex.Due> due = dueIndex.dueBy(now, settings.maxDuePerTick());
    for (DueIndex.Due d : due) {
      dueIndex.remove(d.entry());
      fire(d.instanceKey(), now);
    }
    metrics.dueVisited(due.size());
    metrics.punctuation(System.nanoTime() - started);
  }

  private void fire(String key, long now) {
    byte[] stored = instances.get(key);
    if (stored == null) {
      // the timer of incident entries whose instance is gone (see command)
      overlay.expire(key);
      return;
    }
    String process = key.substring(0, key.indexOf('/'));
    ProcessTracker tracker = engine.tracker(process);
    if (tracker == null) {
      return;
    }
    InstanceState state = decode(tracker, key, stored);
    if (state == null) {
      return;
    }
    String version = StoredInstance.version(stored);
    tracker.fireDue(state, now, out);
    byte[] updated = StoredInstance.encode(version, state);
    boolean changed = !StoredInstance.sameState(stored, updated) || !out.incidents().isEmpty()
        || !out.commands().isEmpty();
    if (changed) {
      publish(key, version, state);
    }
    if (!state.running() && Schedules.expiresAt(state, retentionMillis) <= now
        && (tracker.nextDueAt(state) == Schedules.NONE || tracker.nextDueAt(state) > now)) {
      instances.delete(key);
      overlay.expire(key);
      metrics.expired();
      return;
    }
    if (changed) {
      instances.put(key, updated);
    }
    // the visited entry is gone; put back the instance's timer (a put of an existing entry changes nothing)
    dueIndex.put(Schedules.next(tracker, state, retentionMillis), key);
  }

  private InstanceState decode(ProcessTracker tracker, String key, byte[] stored) {
    try {
      return StoredInstance.decode(tracker.process(), stored);
    } catch (IllegalArgumentException e) {
      // the definition changed shape since the instance started: it starts over with the current one
      LOG.warn("instance {} (version {}) cannot be read with version {} of its definition: {}", key,
          StoredInstance.version(stored), tracker.process().definition().version(), e.getMessage());
      return null;
    }
  }

  private void countUncorrelated(ProcessTracker tracker, int step, long arrivedAt) {
    String key = tracker.process().id() + "/" + tracker.process().stepId(step);
    Long stored = uncorrelatedCounts.get(key);
    long count = (stored == null ? 0 : stored) + 1;
    IncidentChange change = UncorrelatedIncidents.counted(tracker.process(), step, count, arrivedAt);
    uncorrelatedCounts.put(key, count);
    metrics.uncorrelated();
    publishIncident(change);
  }

  private void publish(String key, String version, InstanceState state) {
    long now = clock.millis();
    for (IncidentChange change : out.incidents()) {
      publishIncident(change);
    }
    for (EscalationCommand command : out.commands()) {
      RecordHeaders headers = new RecordHeaders();
      headers.add("content-type", CLOUDEVENTS_JSON);
      context.forward(new Record<>(command.traceId(),
          new Outgoing(command.topic(), EscalationCloudEvents.of(command)), now, headers));
    }
    context.forward(new Record<>(key,
        new Outgoing(settings.instancesTopic(), InstanceChangeJson.of(version, state, now)), now));
  }

  /** An engine's incident change, as the lifecycle overlay lets it through. */
  private void publishIncident(IncidentChange engineChange) {
    PublishedChange change = overlay.engineChange(engineChange);
    if (change == null) {
      return;
    }
    if (change.kind() == PublishedChange.Kind.OPENED) {
      IncidentType type = change.incident().type();
      metrics.opened(type);
    }
    forwardIncident(change);
  }

  private void forwardIncident(PublishedChange change) {
    long now = clock.millis();
    RecordHeaders headers = new RecordHeaders();
    headers.add("content-type", CLOUDEVENTS_JSON);
    context.forward(new Record<>(change.incident().id(),
        new Outgoing(settings.incidentsTopic(), IncidentCloudEvents.of(change, now)), now, headers));
  }
}
