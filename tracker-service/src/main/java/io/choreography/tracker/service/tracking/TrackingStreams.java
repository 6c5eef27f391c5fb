package io.choreography.tracker.service.tracking;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import io.choreography.tracker.service.ingest.IntakeTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the tracking topology with the application: started once the context is up, closed on shutdown before the
 * beans it talks to (the local broker among them) are destroyed. A failed stream thread is replaced; its task
 * resumes from the last committed transaction.
 */
public final class TrackingStreams implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(TrackingStreams.class);

  private final Topology topology;
  private final Properties config;
  private final Set<String> outputTopics;
  private final int partitions;
  private final IntakeTopic intake;
  private volatile KafkaStreams streams;

  public TrackingStreams(Topology topology, Properties config, Set<String> outputTopics, int partitions,
      IntakeTopic intake) {
    this.topology = topology;
    this.config = config;
    this.outputTopics = outputTopics;
    this.partitions = partitions;
    this.intake = intake;
  }

  @Override
  public synchronized void start() {
    if (streams != null) {
      return;
    }
    try {
      // the topology's source (Kafka Streams fails on a missing one) and its outputs (it does not create sinks)
      intake.ensure();
      TrackingTopics.ensure(config, outputTopics, partitions);
    } catch (Exception e) {
      // Kafka may come up later (the kafka health shows it); publishing fails, and is retried, until they exist
      LOG.error("{}; tracking starts anyway", e.getMessage());
    }
    KafkaStreams s = new KafkaStreams(topology, config);
    s.setUncaughtExceptionHandler(e -> {
      LOG.error("tracking stream thread failed; replacing it", e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    s.start();
    streams = s;
    LOG.info("tracking topology started (application id {})", config.get("application.id"));
  }

  @Override
  public synchronized void stop() {
    KafkaStreams s = streams;
    if (s != null) {
      s.close(Duration.ofSeconds(10));
      streams = null;
    }
  }

  @Override
  public boolean isRunning() {
    return streams != null;
  }

  /** The running Kafka Streams client, or null when stopped. */
  public KafkaStreams streams() {
    return streams;
  }

  public KafkaStreams.State state() {
    KafkaStreams s = streams;
    return s == null ? KafkaStreams.State.NOT_RUNNING : s.state();
  }
}
