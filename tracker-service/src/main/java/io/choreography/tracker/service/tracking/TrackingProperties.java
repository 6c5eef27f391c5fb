package io.choreography.tracker.service.tracking;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tracking topology ({@code tracker.tracking.*}).
 *
 * @param enabled run the topology at all
 * @param applicationId Kafka Streams application id: the consumer group, the transactional id prefix and the
 *     prefix of the internal topics (which the default {@code tracker.topics} regex excludes as {@code tracker-*})
 * @param stateDir where RocksDB keeps the stores; null means {@code <tracker.local-mode.dir>/streams} in local
 *     mode, else {@code .tracker-state}
 * @param partitions partitions of the topic that re-keys every event by trace id: the upper bound of parallelism
 * @param streamThreads stream threads of this process
 * @param punctuateInterval how often due timers are checked (wall clock)
 * @param instancesTopic where every instance change is published
 * @param incidentsTopic where every incident change is published as a CloudEvent
 * @param driftTopic where the counts of event types no step models are published (see {@code DriftCounter})
 * @param retention how long an ended instance stays in the store, so that late events are recognised; keep it
 *     longer than the longest reorder window
 * @param maxDuePerTick timers handled in one punctuation at most; the rest follow at the next tick
 * @param streams further Kafka Streams settings, passed as they are (e.g. {@code session.timeout.ms})
 */
@ConfigurationProperties("tracker.tracking")
public record TrackingProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("tracker-tracking") String applicationId,
    Path stateDir,
    @DefaultValue("8") int partitions,
    @DefaultValue("1") int streamThreads,
    @DefaultValue("250ms") Duration punctuateInterval,
    @DefaultValue("tracker.instances") String instancesTopic,
    @DefaultValue("tracker.incidents") String incidentsTopic,
    @DefaultValue("tracker.drift") String driftTopic,
    @DefaultValue("1h") Duration retention,
    @DefaultValue("20000") int maxDuePerTick,
    Map<String, String> streams) {

  public TrackingProperties {
    if (partitions < 1) {
      throw new IllegalArgumentException("tracker.tracking.partitions must be at least 1, but was " + partitions);
    }
    if (streamThreads < 1) {
      throw new IllegalArgumentException(
          "tracker.tracking.stream-threads must be at least 1, but was " + streamThreads);
    }
    if (punctuateInterval.toMillis() < 1) {
      throw new IllegalArgumentException(
          "tracker.tracking.punctuate-interval must be at least 1ms, but was " + punctuateInterval);
    }
    if (maxDuePerTick < 1) {
      throw new IllegalArgumentException(
          "tracker.tracking.max-due-per-tick must be at least 1, but was " + maxDuePerTick);
    }
    streams = streams == null ? Map.of() : Map.copyOf(streams);
  }

  /** The defaults, for tests and tools that build the topology without Spring. */
  public static TrackingProperties defaults() {
    return new TrackingProperties(true, "tracker-tracking", null, 8, 1, Duration.ofMillis(250), "tracker.instances",
        "tracker.incidents", "tracker.drift", Duration.ofHours(1), 20_000, Map.of());
  }

  public TrackingProperties withRetention(Duration value) {
    return new TrackingProperties(enabled, applicationId, stateDir, partitions, streamThreads, punctuateInterval,
        instancesTopic, incidentsTopic, driftTopic, value, maxDuePerTick, streams);
  }
}
