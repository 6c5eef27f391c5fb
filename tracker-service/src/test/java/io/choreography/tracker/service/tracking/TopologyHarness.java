package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.IncidentCommand;
import io.choreography.tracker.rules.definition.DefinitionLoader;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.service.config.TrackerProperties;
import io.choreography.tracker.service.incidents.IncidentCommandJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tracking topology in a TopologyTestDriver with a test process on three topics; wall clock under control. */
final class TopologyHarness implements AutoCloseable {

  static final String PROCESS = "shipment";
  static final String DEFINITION = """
      id: shipment
      correlation:
        - json: /orderId
      eventType:
        - json: /type
      eventTime:
        - json: /time
      eventId:
        - json: /id
      reorderWindow: 1s
      steps:
        - id: placed
          on: { topic: orders, type: Placed }
        - id: paid
          on: { topic: payments, type: Paid }
          after: [placed]
          within: 1s
        - id: shipped
          on: { topic: shipping, type: Shipped }
          after: [paid]
          end: completed
      """;
  static final JsonMapper JSON = JsonMapper.builder().build();

  final TopologyTestDriver driver;
  final TrackingMetrics metrics;
  final TestOutputTopic<String, String> instances;
  final TestOutputTopic<String, String> incidents;
  final Path stateDir;
  private final Map<String, TestInputTopic<String, byte[]>> inputs = new LinkedHashMap<>();
  private final TestInputTopic<String, byte[]> commands;

  TopologyHarness(Instant wallClock, TrackingProperties settings, KeyValueBytesStoreSupplier dueIndex)
      throws Exception {
    this(wallClock, settings, dueIndex, DEFINITION);
  }

  TopologyHarness(Instant wallClock, TrackingProperties settings, KeyValueBytesStoreSupplier dueIndex,
      String definition) throws Exception {
    ProcessDefinitions definitions = new ProcessDefinitions(List.of(DefinitionLoader.parse("shipment.yaml",
        definition)));
    metrics = new TrackingMetrics(new SimpleMeterRegistry());
    stateDir = Files.createTempDirectory("tracking-topology");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "tracker-tracking-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(TrackingTopology.build(Pattern.compile(TrackerProperties.DEFAULT_TOPICS),
        definitions, settings, metrics, dueIndex), props, wallClock);
    instances = driver.createOutputTopic(settings.instancesTopic(), new StringDeserializer(), new StringDeserializer());
    incidents = driver.createOutputTopic(settings.incidentsTopic(), new StringDeserializer(), new StringDeserializer());
    commands = driver.createInputTopic(settings.commandsTopic(), new StringSerializer(), new ByteArraySerializer());
    for (String topic : List.of("orders", "payments", "shipping")) {
      inputs.put(topic, driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer()));
    }
  }

  TestOutputTopic<String, String> output(String topic) {
    return driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer());
  }

  TopologyHarness(Instant wallClock) throws Exception {
    this(wallClock, TrackingProperties.defaults(), TrackingStores.dueIndexSupplier());
  }

  /** Sends one business event that arrives when it happened; {@code orderId} null for one without a trace id. */
  void send(String topic, String key, String type, String id, String orderId, Instant time) {
    send(topic, key, type, id, orderId, time, time);
  }

  /** Sends one business event whose record timestamp (its arrival) is {@code arrived}. */
  void send(String topic, String key, String type, String id, String orderId, Instant time, Instant arrived) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("id", id);
    if (orderId != null) {
      body.put("orderId", orderId);
    }
    body.put("time", time.toString());
    inputs.get(topic).pipeInput(key, JSON.writeValueAsBytes(body), arrived);
  }

  /** Sends an operator's command as the API does. */
  void command(IncidentCommand command) {
    commands.pipeInput(command.incidentId(), IncidentCommandJson.encode(command));
  }

  void sendRaw(String topic, byte[] value) {
    inputs.get(topic).pipeInput("junk", value);
  }

  void advance(Duration d) {
    driver.advanceWallClockTime(d);
  }

  List<JsonNode> instanceChanges() {
    List<JsonNode> out = new ArrayList<>();
    for (String v : instances.readValuesToList()) {
      out.add(JSON.readTree(v));
    }
    return out;
  }

  List<JsonNode> incidentEvents() {
    List<JsonNode> out = new ArrayList<>();
    for (String v : incidents.readValuesToList()) {
      out.add(JSON.readTree(v));
    }
    return out;
  }

  KeyValueStore<String, byte[]> instanceStore() {
    return driver.getKeyValueStore(TrackingStores.INSTANCES);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    driver.close();
  }
}
