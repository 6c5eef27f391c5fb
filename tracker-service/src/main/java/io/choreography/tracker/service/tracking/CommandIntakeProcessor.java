package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.IncidentCommand;
import io.choreography.tracker.service.incidents.IncidentCommandJson;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the commands topic and keys each command like the events of its incident's instance, for the same
 * re-keying topic: so it reaches the task that owns the instance and its incidents. A record that is not a command
 * is skipped.
 */
final class CommandIntakeProcessor implements Processor<String, byte[], String, byte[]> {

  private static final Logger LOG = LoggerFactory.getLogger(CommandIntakeProcessor.class);

  private final TrackingMetrics metrics;
  private ProcessorContext<String, byte[]> context;

  CommandIntakeProcessor(TrackingMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    IncidentCommand command;
    try {
      command = IncidentCommandJson.decode(record.value());
    } catch (IllegalArgumentException e) {
      metrics.skipped();
      LOG.warn("skipped a record of the commands topic (key {}): {}", record.key(), e.getMessage());
      return;
    }
    context.forward(new Record<>(command.partitionKey(), TrackedEventCodec.encodeCommand(command),
        record.timestamp()));
  }
}
