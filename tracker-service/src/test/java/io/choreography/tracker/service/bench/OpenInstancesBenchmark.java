package io.choreography.tracker.service.bench;

import io.choreography.tracker.service.demo.DemoEmitters;
import io.choreography.tracker.service.demo.DemoOrder;
import io.choreography.tracker.service.faults.Prometheus;
import io.choreography.tracker.service.it.SharedInfrastructure;
import io.choreography.tracker.service.it.TestDefinitions;
import io.choreography.tracker.service.it.TestKafka;
import io.choreography.tracker.service.local.Directories;
import io.choreography.tracker.service.local.LocalInfrastructure;
import io.choreography.tracker.service.tracking.TrackerProcess;
import io.choreography.tracker.service.tracking.TrackerTopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Memory and timers of the real tracker with many open instances (not a test). The benchmark JVM runs a local
 * broker and Elasticsearch node; the tracker runs as a child process from the packaged jar with its own heap
 * ({@code heap}, default 1g, default collector), so that its heap, RSS and CPU time are its own.
 *
 * <p>Open instances are made through the real pipeline: one {@code OrderPlaced} event per trace id, written as the
 * demo's checkout service writes it, to a copy of the order-fulfillment definition whose next step
 * ({@code payment-received}) is due after 7 days instead of 5 minutes, so nothing falls due during the run (the
 * process {@code deadline} stays 2 days). At each checkpoint of {@code open} (once the tracker has created every
 * instance, indexed every event and written every instance document) it measures the tracker's heap after a full GC
 * ({@code jcmd GC.run}), RSS, RocksDB state on disk and CPU time; then the cost of a timer tick with nothing due, and
 * the timer delay: {@code probes} further instances whose DEADLINE falls due at known instants spread over
 * {@code probe-spread} seconds (their {@code OrderPlaced} event time is 2 days before the due instant), with the delay
 * from each due instant to the DEADLINE incident's record timestamp on the incidents topic and to when a
 * read_committed consumer saw it.
 *
 * <pre>
 * ./mvnw -B -ntp -Pbenchmarks -pl tracker-service -am verify -DskipTests -Dbenchmark=OpenInstancesBenchmark \
 *     -Dbenchmark.args="open=1000000,5000000"
 * </pre>
 *
 * <p>Options ({@code key=value}, with or without leading {@code --}): {@code open} (checkpoints, ascending,
 * default 1000000), {@code heap} (tracker heap, 1g), {@code es-heap-mb} (Elasticsearch node, 1024), {@code probes}
 * (2000), {@code probe-spread} (20 s), {@code backlog} (events produced ahead of the slowest tracker counter,
 * 100000), {@code keep} (keep {@code target/bench-open} afterwards). Measured figures: docs/performance.md.md.
 */
public final class OpenInstancesBenchmark {

  /** The tracker's default {@code tracker.ingest.timestamp-grace}, which the benchmark's tracker runs with. */
  private static final Duration TIMESTAMP_GRACE = Duration.ofMillis(500);

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String INCIDENTS = "tracker.incidents";
  private static final String PUNCTUATION = "tracker_tracking_punctuation_seconds";
  private static final Duration DEADLINE = Duration.ofDays(2);
  private static final Duration PROBE_LEAD = Duration.ofSeconds(20);

  private final String elasticsearch;
  private final Path stateDir;
  private final TrackerProcess tracker;
  private final int port;
  private final long started = System.nanoTime();
  private final List<String> report = new ArrayList<>();
  /** Instance documents written beyond one per instance (the probes' incidents change their instances). */
  private double extraInstanceWrites;

  private OpenInstancesBenchmark(String elasticsearch, Path stateDir, TrackerProcess tracker, int port) {
    this.elasticsearch = elasticsearch;
    this.stateDir = stateDir;
    this.tracker = tracker;
    this.port = port;
  }

  public static void main(String[] args) throws Exception {
    Options options = new Options(args);
    long[] checkpoints = Arrays.stream(options.string("open", "1000000").split(","))
        .mapToLong(s -> Long.parseLong(s.trim().replace("_", ""))).sorted().toArray();
    String heap = options.string("heap", "1g");
    int esHeapMb = options.integer("es-heap-mb", 1024);
    int probes = options.integer("probes", 2000);
    int probeSpread = options.integer("probe-spread", 20);
    long backlog = options.longValue("backlog", 100_000);
    boolean keep = options.flag("keep");

    // the broker runs in this JVM: its INFO lines would bury the progress
    Machine.quietLogging();
    Path dir = Path.of("target", "bench-open").toAbsolutePath();
    Directories.deleteRecursively(dir);
    LocalInfrastructure local = LocalInfrastructure.start(dir, SharedInfrastructure.freePortPair(),
        SharedInfrastructure.freePort(), esHeapMb, System.out);
    String topicPrefix = "open.";
    try {
      TestKafka.createTopics(local.kafkaBootstrapServers(), 4,
          DemoEmitters.TOPICS.stream().map(t -> topicPrefix + t).toList());
      String definitions = definitions(topicPrefix);
      Path state = Files.createDirectories(dir.resolve("streams"));
      int port = SharedInfrastructure.freePort();
      Map<String, String> properties = new LinkedHashMap<>();
      properties.put("server.port", Integer.toString(port));
      properties.put("spring.kafka.bootstrap-servers", local.kafkaBootstrapServers());
      properties.put("tracker.elasticsearch.uris", local.elasticsearchUri());
      properties.put("tracker.security.enabled", "false");
      properties.put("tracker.topics", "^" + java.util.regex.Pattern.quote(topicPrefix) + ".*");
      properties.put("tracker.definitions", definitions);
      properties.put("tracker.tracking.state-dir", state.toString());
      properties.put("logging.level.org.apache.kafka", "WARN");
      // the punctuation timer's max over the last 2-3 s only, so that a scrape every second sees each phase's max
      properties.put("management.metrics.distribution.expiry[tracker.tracking.punctuation]", "3s");
      properties.put("management.metrics.distribution.buffer-length[tracker.tracking.punctuation]", "3");
      List<String> jvm = List.of("-Xmx" + heap);
      try (TrackerProcess tracker = TrackerProcess.start("tracker", jvm, properties, dir);
          KafkaProducer<String, byte[]> producer = TestKafka.producer(local.kafkaBootstrapServers())) {
        OpenInstancesBenchmark bench = new OpenInstancesBenchmark(local.elasticsearchUri(), state, tracker, port);
        bench.line("machine: " + Machine.describe());
        bench.line(String.format("tracker: child JVM %s, default collector, tracker.tracking defaults (8 partitions,"
            + " 1 stream thread, punctuate-interval 250ms); Elasticsearch node heap %d MB; log %s", jvm, esHeapMb,
            tracker.log));
        bench.line(String.format("event: OrderPlaced as the demo's checkout service writes it, %d B (key, value and"
            + " headers)", recordBytes()));
        bench.awaitStarted();
        // subscribed once the tracker has created its topics
        try (TrackerTopicReader incidents = new TrackerTopicReader(local.kafkaBootstrapServers(),
            List.of(INCIDENTS))) {
          DemoEmitters emit = new DemoEmitters(producer, JSON, topicPrefix);
          long produced = 0;
          int probesSoFar = 0;
          for (long target : checkpoints) {
            long phaseStart = System.nanoTime();
            Counters before = bench.counters();
            produced = bench.produce(emit, producer, produced, target, probesSoFar, backlog);
            Counters after = bench.awaitProcessed(target + probesSoFar);
            double seconds = (System.nanoTime() - phaseStart) / 1e9;
            bench.line(String.format("%n== %,d open instances (+%,d probes) ==", target, probesSoFar));
            bench.line(String.format("load: %,.0f events in %.0f s: %,.0f instances created/s,"
                    + " %,.0f events indexed/s, %,.0f instance documents written/s", after.created - before.created, seconds,
                (after.created - before.created) / seconds, (after.indexed - before.indexed) / seconds,
                (after.instanceWrites - before.instanceWrites) / seconds));
            bench.memory();
            bench.timers(emit, producer, incidents, probes, probeSpread);
            probesSoFar += probes;
            // the probes' DEADLINE changes are further instance documents, written after the indexer's 5 s
            Thread.sleep(8_000);
            Counters settled = bench.counters();
            bench.extraInstanceWrites = settled.instanceWrites - settled.created;
          }
          System.out.println();
          System.out.println("==== summary ====");
          bench.report.forEach(System.out::println);
        }
      }
    } finally {
      local.close();
      Path log = dir.resolve("tracker.log");
      if (Files.exists(log)) {
        Files.copy(log, dir.resolveSibling("bench-open-tracker.log"), StandardCopyOption.REPLACE_EXISTING);
      }
      if (!keep) {
        Directories.deleteRecursively(dir);
      }
    }
    System.exit(0);
  }

  /** The bundled order-fulfillment definition, topics prefixed, payment-received due after 7 days. */
  private static String definitions(String topicPrefix) throws IOException {
    Path file = Path.of(TestDefinitions.orderFulfillment(topicPrefix), "order-fulfillment.yaml");
    String yaml = Files.readString(file);
    String edited = yaml.replace("    within: 5m\n", "    within: 7d\n");
    if (edited.equals(yaml) || !yaml.contains("deadline: 2d\n")) {
      throw new IllegalStateException("the bundled order-fulfillment definition changed: " + file);
    }
    Files.writeString(file, edited);
    return file.getParent().toString();
  }

  /** Size of one OrderPlaced record as the checkout emitter builds it. */
  private static int recordBytes() {
    MockProducer<String, byte[]> mock = new MockProducer<>(true, null, new StringSerializer(),
        new ByteArraySerializer());
    new DemoEmitters(mock, JSON, "open.").checkout(DemoOrder.next(DemoOrder.Scenario.HAPPY), "OrderPlaced",
        Instant.now(), Map.of());
    ProducerRecord<String, byte[]> r = mock.history().get(0);
    int bytes = r.key().getBytes(StandardCharsets.UTF_8).length + r.value().length;
    for (Header h : r.headers()) {
      bytes += h.key().length() + h.value().length;
    }
    return bytes;
  }

  private void awaitStarted() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (true) {
      if (!tracker.isAlive()) {
        throw new IllegalStateException("the tracker exited: " + tracker.log);
      }
      try {
        Prometheus.scrape(port);
        System.out.printf("tracker up (pid %d) after %.1f s%n", tracker.pid(), elapsed());
        return;
      } catch (Exception e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the tracker did not answer within 180 s: " + tracker.log, e);
        }
        Thread.sleep(1_000);
      }
    }
  }

  /** What the tracker counted so far. */
  private record Counters(double created, double indexed, double instanceWrites, double consumed) {}

  /** The instances the slowest part of the tracker is done with. */
  private double slowest(Counters c) {
    return Math.min(c.created, Math.min(c.indexed, c.instanceWrites - extraInstanceWrites));
  }

  private Counters counters() throws Exception {
    String page = scrape();
    // tracker.tracking.instances.created: the Prometheus registry drops the "created" (an OpenMetrics suffix)
    return new Counters(Prometheus.sum(page, "tracker_tracking_instances_total", ""),
        Prometheus.sum(page, "tracker_events_indexed_total", ""),
        Prometheus.sum(page, "tracker_elasticsearch_writes_total", "index=\"instances\""),
        Prometheus.sum(page, "tracker_events_consumed_total", ""));
  }

  /** OrderPlaced events for new trace ids up to {@code target}, never more than {@code backlog} ahead. */
  private long produce(DemoEmitters emit, KafkaProducer<String, byte[]> producer, long produced, long target,
      int probes, long backlog) throws Exception {
    long lastPrint = System.nanoTime();
    Counters c = counters();
    while (produced < target) {
      if (!tracker.isAlive()) {
        throw new IllegalStateException("the tracker exited: " + tracker.log);
      }
      long batch = Math.min(target - produced, Math.max(0, (long) slowest(c) - probes + backlog - produced));
      for (long i = 0; i < batch; i++) {
        emit.checkout(DemoOrder.next(DemoOrder.Scenario.HAPPY), "OrderPlaced", Instant.now(), Map.of());
      }
      produced += batch;
      producer.flush();
      if (batch == 0) {
        Thread.sleep(500);
      }
      c = counters();
      if (System.nanoTime() - lastPrint > 10e9) {
        lastPrint = System.nanoTime();
        progress(produced, c);
      }
    }
    return produced;
  }

  private void progress(long produced, Counters c) throws IOException {
    System.out.printf("%6.0f s: produced %,d; tracker: consumed %,.0f, instances created %,.0f, events indexed %,.0f,"
            + " instance documents %,.0f; RSS %,d MB%n", elapsed(), produced, c.consumed, c.created, c.indexed,
        c.instanceWrites, CpuTime.status(tracker.pid(), "VmRSS") / 1_000_000);
  }

  /** Waits until every instance is created, every event indexed and every instance document written. */
  private Counters awaitProcessed(long instances) throws Exception {
    long lastPrint = System.nanoTime();
    while (true) {
      Counters c = counters();
      if (slowest(c) >= instances) {
        progress(instances, c);
        return c;
      }
      if (!tracker.isAlive()) {
        throw new IllegalStateException("the tracker exited: " + tracker.log);
      }
      if (System.nanoTime() - lastPrint > 10e9) {
        lastPrint = System.nanoTime();
        progress(instances, c);
      }
      Thread.sleep(1_000);
    }
  }

  /** Heap after a full GC, RSS, state on disk, CPU time: of the tracker, and of the Elasticsearch node. */
  private void memory() throws Exception {
    long pid = tracker.pid();
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    run(jcmd, Long.toString(pid), "GC.run");
    String heapInfo = run(jcmd, Long.toString(pid), "GC.heap_info");
    String page = scrape();
    double heapUsed = Prometheus.sum(page, "jvm_memory_used_bytes", "area=\"heap\"");
    double heapCommitted = Prometheus.sum(page, "jvm_memory_committed_bytes", "area=\"heap\"");
    double nonHeap = Prometheus.sum(page, "jvm_memory_used_bytes", "area=\"nonheap\"");
    line(String.format("tracker heap after full GC: %,.0f MB used (jvm_memory_used_bytes), %,.0f MB committed;"
        + " jcmd GC.heap_info: %s", heapUsed / 1e6, heapCommitted / 1e6, firstLine(heapInfo)));
    line(String.format("tracker non-heap used: %,.0f MB", nonHeap / 1e6));
    line(String.format("tracker RSS: %,d MB (peak %,d MB); CPU time %,.0f s",
        CpuTime.status(pid, "VmRSS") / 1_000_000, CpuTime.status(pid, "VmHWM") / 1_000_000, CpuTime.seconds(pid)));
    Map<String, Long> stores = new TreeMap<>();
    long total = 0;
    try (Stream<Path> files = Files.walk(stateDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        long size = Files.size(f);
        total += size;
        Path rel = stateDir.relativize(f);
        String store = "other";
        for (int i = 0; i < rel.getNameCount() - 1; i++) {
          if (rel.getName(i).toString().equals("rocksdb")) {
            store = rel.getName(i + 1).toString();
          }
        }
        stores.merge(store, size, Long::sum);
      }
    }
    List<String> perStore = new ArrayList<>();
    stores.forEach((k, v) -> perStore.add(String.format("%s %,.1f MB", k, v / 1e6)));
    line(String.format("state directory on disk: %,.1f MB (%s)", total / 1e6, String.join("; ", perStore)));
    // the node is the largest of the benchmark's other child processes (its launcher is a small JVM)
    long node = -1;
    for (ProcessHandle p : ProcessHandle.current().descendants().filter(p -> p.pid() != pid).toList()) {
      if (node < 0 || CpuTime.status(p.pid(), "VmRSS") > CpuTime.status(node, "VmRSS")) {
        node = p.pid();
      }
    }
    if (node > 0) {
      line(String.format("Elasticsearch node (pid %d): RSS %,d MB; CPU time %,.0f s", node,
          CpuTime.status(node, "VmRSS") / 1_000_000, CpuTime.seconds(node)));
    }
    line("Elasticsearch indices: " + indices());
    line(String.format("benchmark JVM (broker, producer): CPU time %,.0f s; elapsed %.0f s",
        CpuTime.seconds(ProcessHandle.current()), elapsed()));
  }

  private String indices() {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
          elasticsearch + "/_cat/indices?h=index,docs.count,store.size&s=index")).build(),
          HttpResponse.BodyHandlers.ofString());
      return String.join("; ", r.body().trim().split("\n"));
    } catch (Exception e) {
      return "? (" + e + ")";
    }
  }

  /**
   * Tick cost with nothing due, then {@code probes} instances whose DEADLINE falls due over {@code spread} seconds:
   * delay from each due instant to its incident.
   */
  private void timers(DemoEmitters emit, KafkaProducer<String, byte[]> producer, TrackerTopicReader incidents,
      int probes, int spread) throws Exception {
    Tick idleFrom = tick();
    double idleMax = maxOver(20_000);
    Tick idleTo = tick();
    line(String.format("tick with nothing due: mean %.3f ms, max %.3f ms (%.0f ticks in %.0f s)",
        idleTo.meanMillisSince(idleFrom), idleMax, idleTo.count - idleFrom.count, 20.0));

    Instant firstDue = Instant.now().plus(PROBE_LEAD);
    Map<String, Instant> due = new HashMap<>();
    for (int i = 0; i < probes; i++) {
      Instant at = firstDue.plusNanos(i * (spread * 1_000_000_000L / probes));
      DemoOrder order = DemoOrder.next(DemoOrder.Scenario.HAPPY);
      due.put(order.orderId(), at);
      emit.checkout(order, "OrderPlaced", at.minus(DEADLINE), Map.of());
    }
    producer.flush();
    Instant lastDue = firstDue.plusNanos((probes - 1) * (spread * 1_000_000_000L / probes));
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), firstDue).toMillis() - 500));
    Tick dueFrom = tick();
    double dueMax = maxOver(Duration.between(Instant.now(), lastDue).toMillis() + 1_000);
    Tick dueTo = tick();
    List<Long> toRecord = new ArrayList<>();
    List<Long> toConsumer = new ArrayList<>();
    List<Long> afterReadPast = new ArrayList<>();
    long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    List<TrackerTopicReader.Received> seen;
    do {
      Thread.sleep(500);
      seen = incidents.matching(r -> r.value().path("type").asString().equals("tracker.incident.opened")
          && r.value().path("data").path("type").asString().equals("DEADLINE")
          && due.containsKey(r.value().path("data").path("traceId").asString()));
    } while (seen.size() < probes && System.nanoTime() < waitUntil);
    for (TrackerTopicReader.Received r : seen) {
      Instant at = due.get(r.value().path("data").path("traceId").asString());
      toRecord.add(Duration.between(at, r.timestamp()).toMillis());
      toConsumer.add(Duration.between(at, r.receivedAt()).toMillis());
      afterReadPast.add(Duration.between(at.plus(TIMESTAMP_GRACE), r.timestamp()).toMillis());
    }
    line(String.format("timers: %,d probes due over %d s; %,d DEADLINE incidents seen", probes, spread,
        seen.size()));
    line("  delay due -> incident record timestamp: " + percentiles(toRecord));
    line("  delay due -> read_committed consumer:   " + percentiles(toConsumer));
    // a watermark is a read position's time minus the grace, so the input counts as read past a due time no
    // sooner than the grace after it: measured from there, this is an upper bound of the delay after read past due
    line("  delay read past due (due + timestamp-grace) -> incident record timestamp, at most: "
        + percentiles(afterReadPast));
    line(String.format("tick while the probes fall due: mean %.3f ms, max %.3f ms (%.0f ticks, %,.0f timers visited)",
        dueTo.meanMillisSince(dueFrom), dueMax, dueTo.count - dueFrom.count, dueTo.visited - dueFrom.visited));
  }

  /** The punctuation timer's count and total, and the timers visited. */
  private record Tick(double count, double sumSeconds, double visited) {
    double meanMillisSince(Tick from) {
      return count == from.count ? Double.NaN : (sumSeconds - from.sumSeconds) / (count - from.count) * 1e3;
    }
  }

  private Tick tick() throws Exception {
    String page = scrape();
    return new Tick(Prometheus.sum(page, PUNCTUATION + "_count", ""), Prometheus.sum(page, PUNCTUATION + "_sum", ""),
        Prometheus.sum(page, "tracker_tracking_timers_visited_total", ""));
  }

  /** The largest punctuation max seen in a scrape every second for this long (the max covers the last 2-3 s). */
  private double maxOver(long millis) throws Exception {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    double max = 0;
    while (System.nanoTime() < end) {
      Thread.sleep(1_000);
      max = Math.max(max, Prometheus.sum(scrape(), PUNCTUATION + "_max", "") * 1e3);
    }
    return max;
  }

  /** The tracker's metrics page; a failed scrape is reported and retried (five times, a second apart). */
  private String scrape() throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return Prometheus.scrape(port);
      } catch (Exception e) {
        System.out.printf("%6.0f s: scrape %d failed: %s%n", elapsed(), attempt, e.getMessage());
        if (attempt == 5 || !tracker.isAlive()) {
          throw e;
        }
        Thread.sleep(1_000);
      }
    }
  }

  private static String percentiles(List<Long> millis) {
    if (millis.isEmpty()) {
      return "none";
    }
    Percentiles p = new Percentiles(millis);
    return String.format("p50 %.0f ms, p99 %.0f ms, max %.0f ms (min %.0f ms)", p.at(50), p.at(99), p.max(), p.min());
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  private static String firstLine(String heapInfo) {
    return Arrays.stream(heapInfo.split("\n")).map(String::trim).filter(l -> l.contains("total"))
        .findFirst().orElse(heapInfo.trim());
  }

  private double elapsed() {
    return (System.nanoTime() - started) / 1e9;
  }

  private void line(String s) {
    System.out.println(s);
    report.add(s);
  }
}
