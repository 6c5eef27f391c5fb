package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.incidents.IncidentCommandCodec;
import io.choreography.tracker.model.intake.ForwardedCommand;
import io.choreography.tracker.model.intake.ForwardedEvent;
import io.choreography.tracker.model.intake.ForwardedMatch;
import io.choreography.tracker.model.intake.InputWatermark;
import io.choreography.tracker.model.intake.IntakeRecord;
import io.choreography.tracker.model.intake.IntakeRecordCodec;
import io.choreography.tracker.model.intake.KeyLink;
import io.choreography.tracker.model.intake.TaskWatermark;
import io.choreography.tracker.model.intake.TaskWatermarkBatch;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.drift.DriftCounter;
import io.choreography.tracker.rules.engine.StuckMessageHint;
import io.choreography.tracker.rules.tracking.InputWatermarks;
import io.choreography.tracker.rules.tracking.MatchedEvent;
import io.choreography.tracker.rules.tracking.TaskWatermarks;
import io.choreography.tracker.rules.tracking.Tracker;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the {@link Tracker} inside the topology: its state in the task's stores, its results forwarded to the
 * output topics. Per intake record: the step matches of a business record, applied with the record's arrival (no
 * earlier than its partition's watermark, see {@link InputWatermarks#arrivalOf}) (or, for one that matched no step
 * but carries a trace id, its drift count); a forwarder's watermark, which moves the verdict time and fires at once
 * the timers due by it; or an operator's command. Per wall-clock tick: the timers due by the verdict time, which is
 * the wall clock held back to how far every input partition has been read (SPEC 3.13). Runs in the task's exactly-once transaction, so a crash replays the stores and the outputs together.
 */
final class TrackingProcessor implements Processor<byte[], byte[], String, Outgoing> {

  private static final Logger LOG = LoggerFactory.getLogger(TrackingProcessor.class);
  private static final String WATERMARKS_KEY = "watermarks";
  /** How often the held-back verdicts are counted: a count costs a scan of them, so not on every tick. */
  private static final long COUNT_EVERY_MILLIS = 2_000;
  private static final int COUNT_CAP = 100_000;

  private final ProcessDefinitions definitions;
  private final TrackingProperties settings;
  private final TrackingMetrics metrics;
  private final VerdictLag verdictLag;
  private final StuckMessageHint hint;
  private final String intakeTopic;
  private final IntSupplier tasks;
  private final ThreadWatermarks threadWatermarks;
  private ProcessorContext<String, Outgoing> context;
  private StreamsTrackingState state;
  private Tracker tracker;
  private DriftCounter drift;
  private KeyValueStore<String, byte[]> watermarkStore;
  private InputWatermarks watermarks;
  /** Null when no process has business keys: then nothing is routed between tasks. */
  private TaskWatermarks routed;
  private TopicOutputs outputs;
  private boolean watermarksChanged;
  private long countedAt;
  private long lastVerdict;
  private String task;

  TrackingProcessor(String intakeTopic, ProcessDefinitions definitions, TrackingProperties settings,
      TrackingMetrics metrics, VerdictLag verdictLag, StuckMessageHint hint, IntSupplier tasks,
      ThreadWatermarks threadWatermarks) {
    this.intakeTopic = intakeTopic;
    this.tasks = tasks;
    this.threadWatermarks = threadWatermarks;
    this.definitions = definitions;
    this.settings = settings;
    this.metrics = metrics;
    this.verdictLag = verdictLag;
    this.hint = hint;
  }

  @Override
  public void init(ProcessorContext<String, Outgoing> context) {
    this.context = context;
    this.state = new StreamsTrackingState(context);
    this.outputs = new TopicOutputs(context, settings, intakeTopic);
    boolean keys = definitions.all().stream().anyMatch(d -> !d.keys().isEmpty());
    this.routed = keys ? new TaskWatermarks(tasks.getAsInt()) : null;
    this.tracker = new Tracker(definitions, hint, settings.retention(), state, outputs, metrics);
    this.drift = new DriftCounter(definitions, state.instances(),
        new StreamsDriftCounts(context.getStateStore(TrackingStores.DRIFT)), context.taskId().partition(),
        outputs::driftChanged);
    this.watermarkStore = context.getStateStore(TrackingStores.INPUT_WATERMARKS);
    byte[] stored = watermarkStore.get(WATERMARKS_KEY);
    this.watermarks = stored == null ? new InputWatermarks() : InputWatermarks.decode(stored);
    this.task = context.taskId().toString();
    this.lastVerdict = context.currentSystemTimeMs();
    context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, wallClock -> fireDue());
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    IntakeRecord intake;
    try {
      intake = IntakeRecordCodec.decode(record.value(), false);
    } catch (IllegalArgumentException e) {
      metrics.skipped();
      LOG.warn("skipped a record of the intake topic: {}", e.getMessage());
      return;
    }
    if (intake instanceof ForwardedEvent e) {
      long arrival = watermarks.arrivalOf(e.topic(), e.partition(), e.arrival());
      if (e.matches().isEmpty() && record.key() != null) {
        // matched no step, but routed by its trace id: drift when the trace has an instance; counted at its own
        // timestamp, which the steps' reach times (event times) compare with
        drift.unmatched(new String(record.key(), StandardCharsets.UTF_8), e.topic(), e.type(), e.coordinates(),
            e.arrival());
      }
      for (ForwardedMatch m : e.matches()) {
        tracker.apply(new MatchedEvent(m.process(), m.step(), m.traceId(), m.eventId(), m.eventTime(), e.topic(),
            e.type(), arrival, m.keys(), m.lookup()));
      }
    } else if (intake instanceof InputWatermark w) {
      long before = watermarks.low();
      watermarks.update(w);
      watermarksChanged = true;
      if (watermarks.low() != before) {
        // the verdict time moved: what fell due by it fires now rather than at the next tick (up to a tick sooner)
        fireDueBy(Math.min(context.currentSystemTimeMs(), watermarks.low()));
      }
    } else if (intake instanceof KeyLink link) {
      tracker.link(link);
    } else if (intake instanceof TaskWatermarkBatch b) {
      if (routed != null) {
        b.tasks().forEach(routed::update);
      }
    } else if (intake instanceof TaskWatermark w) {
      // the format written before batches
      if (routed != null) {
        routed.update(w);
      }
    } else {
      command(((ForwardedCommand) intake).json());
    }
  }

  private void command(byte[] json) {
    try {
      tracker.command(IncidentCommandCodec.decode(json));
    } catch (IllegalArgumentException e) {
      metrics.skipped();
      LOG.warn("skipped an incident command of the intake topic: {}", e.getMessage());
    }
  }

  /** One tick: the timers due by the verdict time, at most {@code max-due-per-tick}. */
  private void fireDue() {
    long started = System.nanoTime();
    if (watermarksChanged) {
      // kept with the stores, so that a restart knows at once how far the input was read
      watermarkStore.put(WATERMARKS_KEY, watermarks.encode());
      watermarksChanged = false;
    }
    long wall = context.currentSystemTimeMs();
    long verdict = Math.min(wall, watermarks.low());
    fireDueBy(verdict);
    if (routed != null) {
      // after everything the thread's tasks routed while applying what they read: see ThreadWatermarks
      int partition = context.taskId().partition();
      threadWatermarks.tick(this, partition, () -> new TaskWatermark(partition, routed.levels(watermarks.low())), wall)
          .ifPresent(outputs::taskWatermarks);
    }
    report(wall, verdict);
    metrics.punctuation(System.nanoTime() - started);
  }

  private void fireDueBy(long verdict) {
    if (verdict == InputWatermarks.HOLD) {
      return;
    }
    if (routed == null) {
      tracker.fireDue(verdict, settings.maxDuePerTick());
    } else {
      tracker.fireDue(verdict, routed.verdict(verdict), settings.maxDuePerTick());
    }
  }

  /** How far verdicts are held back, and (every few seconds, as it costs a scan) how many wait. */
  private void report(long wall, long verdict) {
    if (verdict != InputWatermarks.HOLD) {
      lastVerdict = verdict;
    }
    long heldFor = Math.max(0, wall - lastVerdict);
    Integer waiting = null;
    if (wall - countedAt >= COUNT_EVERY_MILLIS) {
      countedAt = wall;
      long from = verdict == InputWatermarks.HOLD ? Long.MIN_VALUE + 1 : verdict;
      waiting = heldFor == 0 ? 0 : state.dueIndex().countDue(from, wall, COUNT_CAP);
    }
    verdictLag.report(task, heldFor, watermarks.unknownPartitions(), waiting);
  }

  @Override
  public void close() {
    if (context != null) {
      threadWatermarks.leave(this, context.taskId().partition());
    }
    verdictLag.forget(task);
  }
}
