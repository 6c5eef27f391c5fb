package io.choreography.tracker.service.bench;

import io.choreography.tracker.service.local.LocalInfrastructure;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The settings every benchmark gives the packaged tracker it starts. */
final class TrackerSettings {

  private TrackerSettings() {}

  /**
   * Against the local broker and node, its indices under {@code prefix}, its state in {@code stateDir}, HTTP on
   * {@code port}, API security off, Kafka's clients quiet.
   */
  static Map<String, String> of(LocalInfrastructure local, String prefix, Path stateDir, int port) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.kafka.bootstrap-servers", local.kafkaBootstrapServers());
    properties.put("tracker.elasticsearch.uris", local.elasticsearchUri());
    properties.put("tracker.elasticsearch.index-prefix", prefix);
    properties.put("tracker.security.enabled", "false");
    properties.put("tracker.tracking.state-dir", stateDir.toString());
    properties.put("server.port", Integer.toString(port));
    properties.put("logging.level.org.apache.kafka", "WARN");
    return properties;
  }

  /** The same, with consumer groups and a topology of its own (for a second tracker on the same broker). */
  static Map<String, String> ownGroups(LocalInfrastructure local, String prefix, Path stateDir, int port) {
    Map<String, String> properties = of(local, prefix, stateDir, port);
    properties.put("tracker.ingest.group-id", prefix + "-indexer");
    properties.put("tracker.indexing.group-id", prefix + "-state-indexer");
    properties.put("tracker.tracking.application-id", prefix + "-tracking");
    return properties;
  }
}
