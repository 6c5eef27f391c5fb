package io.choreography.tracker.service.tracking;

import io.choreography.tracker.model.IncidentCommand;
import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.intake.ForwardedCommand;
import io.choreography.tracker.model.intake.InputWatermark;
import io.choreography.tracker.model.intake.IntakeRecordCodec;
import io.choreography.tracker.rules.engine.StuckMessageHint;
import io.choreography.tracker.rules.extract.RecordExtractor;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import io.choreography.tracker.service.ingest.EventDocumentMapper;
import io.choreography.tracker.service.ingest.IngestMetrics;
import io.choreography.tracker.service.ingest.RecordForwarder;
import io.choreography.tracker.rules.definition.DefinitionLoader;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.model.incidents.IncidentCommandCodec;
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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
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

  static final String INTAKE = "tracker.events.test";
  static final List<String> TOPICS = List.of("orders", "payments", "shipping");

  final TopologyTestDriver driver;
  final TrackingMetrics metrics;
  final VerdictLag verdictLag;
  final TestOutputTopic<String, String> instances;
  final TestOutputTopic<String, String> incidents;
  final Path stateDir;
  private final TestInputTopic<byte[], byte[]> intake;
  private final RecordForwarder forwarder;
  private long offset;
  /** How far the input is read, as the watermarks say; null: always up to the wall clock (caught up). */
  private Instant readUpTo;
  private long wallClock;

  TopologyHarness(Instant wallClock, TrackingProperties settings, KeyValueBytesStoreSupplier dueIndex)
      throws Exception {
    this(wallClock, settings, dueIndex, DEFINITION);
  }

  TopologyHarness(Instant wallClock, TrackingProperties settings, KeyValueBytesStoreSupplier dueIndex,
      String definition) throws Exception {
    this(wallClock, settings, dueIndex, definition, true);
  }

  /** @param caughtUp whether a first watermark says the input is read up to the wall clock from the start */
  TopologyHarness(Instant wallClock, TrackingProperties settings, KeyValueBytesStoreSupplier dueIndex,
      String definition, boolean caughtUp) throws Exception {
    ProcessDefinitions definitions = new ProcessDefinitions(List.of(DefinitionLoader.parse("shipment.yaml",
        definition)));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    metrics = new TrackingMetrics(registry);
    verdictLag = new VerdictLag(registry);
    stateDir = Files.createTempDirectory("tracking-topology");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "tracker-tracking-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    this.wallClock = wallClock.toEpochMilli();
    // one partition, one task
    driver = new TopologyTestDriver(TrackingTopology.build(INTAKE, definitions, settings, metrics, verdictLag,
        dueIndex, StuckMessageHint.NONE, () -> 1), props, wallClock);
    instances = driver.createOutputTopic(settings.instancesTopic(), new StringDeserializer(), new StringDeserializer());
    incidents = driver.createOutputTopic(settings.incidentsTopic(), new StringDeserializer(), new StringDeserializer());
    intake = driver.createInputTopic(INTAKE, new ByteArraySerializer(), new ByteArraySerializer());
    // the forwarder's own code turns business records into intake records, as in the service
    forwarder = new RecordForwarder(new RecordExtractor(definitions),
        new EventDocumentMapper(new IndexNames("test"), 1 << 20), true, INTAKE, new IngestMetrics(registry));
    if (caughtUp) {
      watermark(wallClock);
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

  /** Sends one business event whose record timestamp (its arrival) is {@code arrived}, as the forwarder would. */
  void send(String topic, String key, String type, String id, String orderId, Instant time, Instant arrived) {
    send(topic, key, type, id, orderId, time, arrived, Map.of());
  }

  /** The same, with more fields in the payload (e.g. business keys). */
  void send(String topic, String key, String type, String id, String orderId, Instant time, Instant arrived,
      Map<String, Object> fields) {
    Map<String, Object> body = new LinkedHashMap<>(fields);
    body.put("type", type);
    body.put("id", id);
    if (orderId != null) {
      body.put("orderId", orderId);
    }
    body.put("time", time.toString());
    RawRecord raw = new RawRecord(topic, 0, offset++, arrived.toEpochMilli(), utf8(key), List.of(),
        JSON.writeValueAsBytes(body));
    long readAt = Math.max(arrived.toEpochMilli(), driverTime().toEpochMilli());
    for (ProducerRecord<byte[], byte[]> r : forwarder.forward(raw, readAt)) {
      intake.pipeInput(new TestRecord<>(r.key(), r.value(), r.headers(), r.timestamp()));
    }
  }

  /** Sends an operator's command as the API does: on the intake topic, keyed like its instance's events. */
  void command(IncidentCommand command) {
    intake.pipeInput(utf8(command.partitionKey()),
        IntakeRecordCodec.encode(new ForwardedCommand(IncidentCommandCodec.encode(command))));
  }

  /** Puts bytes on the intake topic that are no intake record. */
  void sendRaw(byte[] value) {
    intake.pipeInput(utf8("junk"), value);
  }

  /** From now on the input is read up to {@code time} only (the tracker lags); null: caught up again. */
  void inputReadUpTo(Instant time) {
    readUpTo = time;
    watermark(time == null ? driverTime() : time);
  }

  /** Moves the wall clock; the watermark follows it unless the input is held back ({@link #inputReadUpTo}). */
  void advance(Duration d) {
    Instant next = driverTime().plus(d);
    watermark(readUpTo == null ? next : readUpTo);
    wallClock = next.toEpochMilli();
    driver.advanceWallClockTime(d);
  }

  private Instant driverTime() {
    return Instant.ofEpochMilli(wallClock);
  }

  private void watermark(Instant readUpTo) {
    List<InputWatermark.PartitionWatermark> partitions = new ArrayList<>();
    Map<String, Integer> topics = new LinkedHashMap<>();
    for (String t : TOPICS) {
      topics.put(t, 1);
      partitions.add(new InputWatermark.PartitionWatermark(t, 0, readUpTo.toEpochMilli()));
    }
    intake.pipeInput(new TestRecord<>(null,
        IntakeRecordCodec.encode(new InputWatermark("harness", 1, readUpTo.toEpochMilli(), topics, partitions)),
        readUpTo));
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
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    driver.close();
  }
}
