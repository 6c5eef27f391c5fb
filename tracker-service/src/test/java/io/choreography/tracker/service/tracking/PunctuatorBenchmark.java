package io.choreography.tracker.service.tracking;

import io.choreography.tracker.rules.definition.DefinitionLoader;
import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.engine.CompiledProcess;
import io.choreography.tracker.rules.engine.EngineEvent;
import io.choreography.tracker.rules.engine.EngineOutput;
import io.choreography.tracker.rules.engine.ProcessTracker;
import io.choreography.tracker.rules.engine.StuckMessageHint;
import io.choreography.tracker.rules.tracking.InstanceKeys;
import io.choreography.tracker.rules.tracking.state.StoredInstance;
import io.choreography.tracker.model.intake.InputWatermark;
import io.choreography.tracker.model.intake.IntakeRecordCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Not a test: the cost of one timer tick of the tracking topology with 1,000,000 open instances in its RocksDB
 * stores, against the number of instances that fell due in that tick (0, 100, 10,000). The tick reads only the
 * due range of the due-time index, so its cost should follow the due instances, not the open ones.
 *
 * <p>The instances are written straight into the topology's stores (state and timer exactly as the processor
 * writes them): piping a million records through the TopologyTestDriver would commit, and fsync a checkpoint, per
 * record. Run: see docs/performance.md. Arguments: [open instances, default 1000000].
 */
public final class PunctuatorBenchmark {

  static final String INTAKE = "tracker.events.bench";
  static final String DEFINITION = """
      id: bench
      correlation:
        - json: /orderId
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
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final long TICK_MILLIS = 300;

  private final TopologyTestDriver driver;
  private final TrackingMetrics metrics;
  private final ProcessTracker tracker;
  private final String version;
  private final KeyValueStore<String, byte[]> instances;
  private final KeyValueStore<Bytes, byte[]> dueIndex;
  private final List<TestOutputTopic<byte[], byte[]>> outputs;
  private final EngineOutput out = new EngineOutput();
  private final TestInputTopic<byte[], byte[]> intake;
  private long wallClock = T0.toEpochMilli();
  private long sequence;

  private PunctuatorBenchmark(Path stateDir) {
    ProcessDefinition definition = DefinitionLoader.parse("bench.yaml", DEFINITION);
    metrics = new TrackingMetrics(new SimpleMeterRegistry());
    TrackingProperties settings = TrackingProperties.defaults();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "tracker-bench");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(TrackingTopology.build(INTAKE, new ProcessDefinitions(List.of(definition)),
        settings, metrics, new VerdictLag(new SimpleMeterRegistry())), props, T0);
    intake = driver.createInputTopic(INTAKE, new ByteArraySerializer(), new ByteArraySerializer());
    tracker = new ProcessTracker(CompiledProcess.compile(definition), StuckMessageHint.NONE);
    version = definition.version();
    instances = driver.getKeyValueStore(TrackingStores.INSTANCES);
    dueIndex = driver.getKeyValueStore(TrackingStores.DUE_INDEX);
    outputs = List.of(settings.instancesTopic(), settings.incidentsTopic(), "tracker-bench-instances-changelog",
            "tracker-bench-due-index-changelog")
        .stream().map(t -> driver.createOutputTopic(t, new ByteArrayDeserializer(), new ByteArrayDeserializer()))
        .toList();
  }

  public static void main(String[] args) throws Exception {
    int open = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path stateDir = Files.createTempDirectory("punctuator-bench");
    PunctuatorBenchmark bench = new PunctuatorBenchmark(stateDir);
    try {
      bench.run(open);
    } finally {
      bench.driver.close();
    }
  }

  private void run(int open) {
    long start = System.nanoTime();
    // open instances whose only timer (paid, within 1s) falls due in 30 days: never during the benchmark
    long farFuture = T0.plus(Duration.ofDays(30)).toEpochMilli();
    for (int i = 0; i < open; i++) {
      place(farFuture);
      if (i % 50_000 == 0) {
        drain();
      }
    }
    drain();
    System.out.printf("%,d open instances in the stores after %.1f s (RocksDB estimates: %,d instances, %,d timers)%n",
        open, (System.nanoTime() - start) / 1e9, instances.approximateNumEntries(), dueIndex.approximateNumEntries());
    System.out.printf("for comparison, one pass over every stored instance (what a tick without the index would"
        + " at least cost): %.0f ms%n", fullScanMillis());
    System.out.println("| due per tick | ticks | mean ms per tick | min ms | max ms | timers visited per tick |");
    System.out.println("|---:|---:|---:|---:|---:|---:|");
    // a first round warms the JIT up; the second is the one to read
    for (int round = 0; round < 2; round++) {
      for (int due : new int[] {0, 100, 10_000}) {
        measure(due, due >= 10_000 ? 5 : 20);
      }
    }
  }

  private double fullScanMillis() {
    long started = System.nanoTime();
    long n = 0;
    try (var it = instances.all()) {
      while (it.hasNext()) {
        n += it.next().value.length;
      }
    }
    if (n == 0) {
      throw new IllegalStateException("no instances");
    }
    return (System.nanoTime() - started) / 1e6;
  }

  /** Ticks in which exactly {@code due} instances fall due. */
  private void measure(int due, int ticks) {
    double total = 0;
    double min = Double.MAX_VALUE;
    double max = 0;
    double visitedBefore = metrics.timersVisited();
    for (int t = 0; t < ticks; t++) {
      // placed so that paid (within 1s) falls due just before the next tick's wall-clock time
      long eventTime = wallClock + TICK_MILLIS - 1 - 1_000;
      for (int i = 0; i < due; i++) {
        place(eventTime);
      }
      drain();
      long before = metrics.punctuations();
      double nanosBefore = metrics.punctuationNanos();
      wallClock += TICK_MILLIS;
      // the input is read up to the wall clock, as the forwarder's watermarks say every 200 ms while caught up
      caughtUp(wallClock);
      driver.advanceWallClockTime(Duration.ofMillis(TICK_MILLIS));
      if (metrics.punctuations() != before + 1) {
        throw new IllegalStateException("expected one punctuation per tick, got " + (metrics.punctuations() - before));
      }
      double ms = (metrics.punctuationNanos() - nanosBefore) / 1e6;
      total += ms;
      min = Math.min(min, ms);
      max = Math.max(max, ms);
      drain();
    }
    System.out.printf("| %,d | %d | %.3f | %.3f | %.3f | %.0f |%n", due, ticks, total / ticks, min, max,
        (metrics.timersVisited() - visitedBefore) / ticks);
  }

  /** One instance with order-placed reached, stored with its timer as the tracking processor stores it. */
  private void place(long eventTime) {
    long n = sequence++;
    String trace = "order-" + n;
    tracker.apply(null, EngineEvent.of(tracker.process(), "placed", trace, "e-" + n, eventTime, "orders", "Placed",
        eventTime),
        out);
    String key = InstanceKeys.of("bench", trace);
    instances.put(key, StoredInstance.encode(version, out.state()));
    // a running instance's timer is the engine's next due time
    dueIndex.put(StreamsDueIndex.entry(tracker.nextDueAt(out.state()), key), new byte[0]);
  }

  private void caughtUp(long time) {
    intake.pipeInput(null, IntakeRecordCodec.encode(new InputWatermark("bench", 1, time, Map.of("orders", 1),
        List.of(new InputWatermark.PartitionWatermark("orders", 0, time)))), time);
  }

  private void drain() {
    for (TestOutputTopic<byte[], byte[]> t : outputs) {
      if (!t.isEmpty()) {
        t.readValuesToList();
      }
    }
  }
}
