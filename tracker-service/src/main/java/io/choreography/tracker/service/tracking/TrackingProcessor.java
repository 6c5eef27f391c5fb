package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.IncidentCommand;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.engine.StuckMessageHint;
import io.choreography.tracker.rules.tracking.MatchedEvent;
import io.choreography.tracker.rules.tracking.Tracker;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the {@link Tracker} inside the topology: its state in the task's stores, its results forwarded to the
 * output topics. Per record of the re-keying topic: a step match, applied with the record's timestamp as its
 * arrival (the extraction forwards the business record's timestamp, and Kafka Streams creates its internal topics
 * with CreateTime, so the re-keying keeps it), or an operator's command. Per wall-clock tick:
 * the timers due by the verdict time. Runs in the task's exactly-once transaction, so a crash replays the stores
 * and the outputs together.
 */
final class TrackingProcessor implements Processor<String, byte[], String, Outgoing> {

  private static final Logger LOG = LoggerFactory.getLogger(TrackingProcessor.class);

  private final ProcessDefinitions definitions;
  private final TrackingProperties settings;
  private final TrackingMetrics metrics;
  private final StuckMessageHint hint;
  private ProcessorContext<String, Outgoing> context;
  private Tracker tracker;

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
    this.tracker = new Tracker(definitions, hint, settings.retention(), new StreamsTrackingState(context),
        new TopicOutputs(context, settings), metrics);
    context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, wallClock -> fireDue());
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
    tracker.apply(new MatchedEvent(event.process(), event.step(), event.traceId(), event.eventId(),
        event.eventTime(), event.topic(), event.type(), record.timestamp()));
  }

  private void command(byte[] value) {
    IncidentCommand command;
    try {
      command = TrackedEventCodec.decodeCommand(value);
    } catch (IllegalArgumentException e) {
      metrics.skipped();
      LOG.warn("skipped a command of the re-keying topic: {}", e.getMessage());
      return;
    }
    tracker.command(command);
  }

  /** One tick: the timers due by the verdict time, at most {@code max-due-per-tick}. */
  private void fireDue() {
    long started = System.nanoTime();
    tracker.fireDue(verdictTime(), settings.maxDuePerTick());
    metrics.punctuation(System.nanoTime() - started);
  }

  /**
   * How far verdicts that rest on the absence of an event may go: for now the wall clock (Kafka Streams' system
   * time, which the TopologyTestDriver controls in tests).
   */
  private long verdictTime() {
    return context.currentSystemTimeMs();
  }
}
