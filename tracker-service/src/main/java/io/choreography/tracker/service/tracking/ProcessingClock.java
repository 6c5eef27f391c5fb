package io.choreography.tracker.service.tracking;

import java.time.Instant;
import java.time.InstantSource;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * The engine's clock inside the topology: Kafka Streams' wall-clock time, which the TopologyTestDriver controls
 * in tests.
 */
final class ProcessingClock implements InstantSource {

  private final ProcessingContext context;

  ProcessingClock(ProcessingContext context) {
    this.context = context;
  }

  @Override
  public long millis() {
    return context.currentSystemTimeMs();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }
}
