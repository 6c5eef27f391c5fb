package io.choreography.tracker.service.tracking;

import io.choreography.tracker.service.config.TrackerProperties;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** The Kafka Streams settings of the tracking topology: Spring's Kafka connection settings plus ours. */
final class TrackingStreamsConfig {

  /** Large enough for any instance or incident document the tracker writes. */
  static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;

  private TrackingStreamsConfig() {}

  static Properties of(KafkaProperties kafka, TrackerProperties tracker, TrackingProperties settings) {
    Properties p = new Properties();
    p.putAll(kafka.buildStreamsProperties());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir(tracker, settings).toAbsolutePath().toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
    p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, FailOnProductionError.class);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_REQUEST_BYTES);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    p.put(StreamsConfig.CLIENT_ID_CONFIG, settings.applicationId());
    // a tracker that joins warms up copies of the state it is to take over, then takes it over at the next probing
    // rebalance: once a minute (the shortest Kafka Streams allows) rather than every ten
    p.put(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG, 60_000L);
    for (Map.Entry<String, String> e : settings.streams().entrySet()) {
      p.put(e.getKey(), e.getValue());
    }
    return p;
  }

  /** The configured directory, else {@code <tracker.local-mode.dir>/streams} in local mode, else .tracker-state. */
  static Path stateDir(TrackerProperties tracker, TrackingProperties settings) {
    if (settings.stateDir() != null) {
      return settings.stateDir();
    }
    return tracker.local() ? tracker.localMode().dir().resolve("streams") : Path.of(".tracker-state");
  }
}
