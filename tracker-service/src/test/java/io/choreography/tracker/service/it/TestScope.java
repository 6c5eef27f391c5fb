package io.choreography.tracker.service.it;

import io.choreography.tracker.service.local.LocalInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What isolates one test class from the others on the shared broker and node: its own topics (a prefix), its own
 * index prefix and consumer group, and its own copy of the order-fulfillment definition on those topics.
 */
public final class TestScope {

  private final String id;
  private String stateDirectory;

  private TestScope(String id) {
    this.id = id;
  }

  public static TestScope create(String name) {
    byte[] random = new byte[3];
    ThreadLocalRandom.current().nextBytes(random);
    return new TestScope(name + "-" + HexFormat.of().formatHex(random));
  }

  /** Prefix of this scope's topics, e.g. {@code indexing-1a2b3c.} */
  public String topicPrefix() {
    return id + ".";
  }

  public String topic(String name) {
    return topicPrefix() + name;
  }

  public String indexPrefix() {
    return "it-" + id;
  }

  /** The tracker's instances topic in this scope (every component of the tracker reads the tracking one). */
  public String instancesTopic() {
    return "tracker.instances." + indexPrefix();
  }

  /** The tracker's incidents topic in this scope. */
  public String incidentsTopic() {
    return "tracker.incidents." + indexPrefix();
  }

  /** The tracker's drift topic in this scope. */
  public String driftTopic() {
    return "tracker.drift." + indexPrefix();
  }

  /** The tracker's intake topic in this scope (the forwarder writes it, the indexer and the topology read it). */
  public String intakeTopic() {
    return "tracker.events." + indexPrefix();
  }

  public LocalInfrastructure infrastructure() {
    return SharedInfrastructure.get();
  }

  /**
   * The tracker's properties for this scope, for a {@code @DynamicPropertySource} method; with API security off,
   * as most tests are about something else.
   */
  public void register(DynamicPropertyRegistry registry) {
    register(registry, false);
  }

  /** The same, with API security on or off ({@code tracker.security.enabled}). */
  public void register(DynamicPropertyRegistry registry, boolean securityEnabled) {
    registry.add("tracker.security.enabled", () -> Boolean.toString(securityEnabled));
    LocalInfrastructure infra = SharedInfrastructure.get();
    registry.add("spring.kafka.bootstrap-servers", infra::kafkaBootstrapServers);
    registry.add("tracker.elasticsearch.uris", infra::elasticsearchUri);
    registry.add("tracker.elasticsearch.index-prefix", this::indexPrefix);
    registry.add("tracker.topics", () -> Pattern.quote(topicPrefix()) + ".*");
    registry.add("tracker.ingest.group-id", () -> "it-" + id);
    registry.add("tracker.ingest.topic-refresh", () -> "1s");
    registry.add("tracker.ingest.dead-letter-topic", () -> "tracker.dead-letter." + id);
    registry.add("tracker.ingest.intake-topic", this::intakeTopic);
    registry.add("tracker.ingest.indexer-group-id", () -> "it-" + id + "-events");
    registry.add("tracker.indexing.group-id", () -> "it-" + id + "-state");
    registry.add("tracker.definitions", () -> TestDefinitions.orderFulfillment(topicPrefix()));
    registry.add("tracker.tracking.application-id", () -> "tracker-it-" + id);
    registry.add("tracker.tracking.state-dir", this::stateDirectory);
    registry.add("tracker.tracking.instances-topic", this::instancesTopic);
    registry.add("tracker.tracking.incidents-topic", this::incidentsTopic);
    registry.add("tracker.tracking.drift-topic", this::driftTopic);
  }

  /** The tracking topology's RocksDB stores of this scope: fresh per class. */
  private synchronized String stateDirectory() {
    try {
      if (stateDirectory == null) {
        stateDirectory = Files.createTempDirectory("tracking-state-" + id).toString();
      }
      return stateDirectory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
