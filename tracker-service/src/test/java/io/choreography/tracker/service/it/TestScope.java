package io.choreography.tracker.service.it;

import io.choreography.tracker.rules.definition.DefinitionLoader;
import io.choreography.tracker.service.local.LocalInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
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

  public LocalInfrastructure infrastructure() {
    return SharedInfrastructure.get();
  }

  /** The tracker's properties for this scope, for a {@code @DynamicPropertySource} method. */
  public void register(DynamicPropertyRegistry registry) {
    LocalInfrastructure infra = SharedInfrastructure.get();
    registry.add("spring.kafka.bootstrap-servers", infra::kafkaBootstrapServers);
    registry.add("tracker.elasticsearch.uris", infra::elasticsearchUri);
    registry.add("tracker.elasticsearch.index-prefix", this::indexPrefix);
    registry.add("tracker.topics", () -> Pattern.quote(topicPrefix()) + ".*");
    registry.add("tracker.ingest.group-id", () -> "it-" + id);
    registry.add("tracker.ingest.topic-refresh", () -> "1s");
    registry.add("tracker.ingest.dead-letter-topic", () -> "tracker.dead-letter." + id);
    registry.add("tracker.definitions", this::definitionsDirectory);
    registry.add("tracker.tracking.application-id", () -> "tracker-it-" + id);
    registry.add("tracker.tracking.state-dir", this::stateDirectory);
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

  /** The bundled order-fulfillment definition, its topics moved into this scope. */
  private String definitionsDirectory() {
    try {
      Path dir = Files.createTempDirectory("definitions-" + id);
      String yaml;
      try (InputStream in = DefinitionLoader.class.getResourceAsStream(
          "/" + DefinitionLoader.BUNDLED_EXAMPLES + "order-fulfillment.yaml")) {
        yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      for (String topic : List.of("orders", "payments", "inventory", "shipping", "customer-notifications")) {
        yaml = yaml.replace("topic: " + topic + ",", "topic: " + topic(topic) + ",");
      }
      Files.writeString(dir.resolve("order-fulfillment.yaml"), yaml);
      return dir.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
