package io.choreography.tracker.service.bench;

import io.choreography.tracker.service.demo.DemoEmitters;
import io.choreography.tracker.service.elasticsearch.IndexDocument;
import io.choreography.tracker.service.faults.Prometheus;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import io.choreography.tracker.service.indexing.DocumentIds;
import io.choreography.tracker.service.it.SharedInfrastructure;
import io.choreography.tracker.service.it.TestDefinitions;
import io.choreography.tracker.service.it.TestKafka;
import io.choreography.tracker.service.local.Directories;
import io.choreography.tracker.service.local.LocalInfrastructure;
import io.choreography.tracker.service.tracking.TrackerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end, not a test: the packaged tracker (a child process: event indexer, tracking topology, state writer)
 * against a local Kafka broker (in this JVM) and Elasticsearch node (a child process), with the raw rates of the same
 * broker and node as baselines in the same run.
 *
 * <ol>
 *   <li><b>Throughput.</b> {@code events} events of complete demo orders (ten events each in the four demo
 *       formats, about 500-byte payloads, {@code instances} orders open at once). With {@code start=cold} (the
 *       default) they are produced first and then the tracker starts on that backlog: measured from the tracker's
 *       start (its start-up and JIT warm-up included). With {@code start=warm} the tracker starts first and tracks
 *       {@code warmup} events of other orders (default 200,000), and Elasticsearch indexes them, before the
 *       measured events are produced as fast as the producer goes while the tracker runs: measured from the first
 *       send. Until every event is searchable in Elasticsearch and every instance document reads COMPLETED;
 *       events/s; CPU seconds of the tracker process (and per thread), the Elasticsearch node and this JVM (the
 *       broker and the load generator) per million events.
 *   <li><b>Baselines.</b> The same records consumed from the beginning by a bare kafka-clients consumer; the same
 *       event documents (read back from the tracker's indices) bulk-indexed with elasticsearch-java into indices of
 *       the same templates, until searchable. The tracker's rate as a ratio of each.
 *   <li><b>Freshness.</b> New orders produced at half the measured end-to-end rate for {@code freshness-seconds};
 *       one event in 20 is sampled and searched for until found: p50/p90/p99/max from send to searchable.
 * </ol>
 *
 * <p>One command, from the repository root (docs/performance.md has the figures):
 *
 * <pre>
 * ./mvnw -B -ntp -Pbenchmarks -pl tracker-service -am verify -DskipTests -Dbenchmark=EndToEndBenchmark \
 *     -Dbenchmark.args="events=1000000 instances=100000"
 * </pre>
 *
 * Options: {@code start=cold|warm}, {@code warmup=200000} (warm only), {@code partitions=4} (of each business topic), {@code elasticsearch-heap=1024} (MB), {@code
 * tracker-heap=1g}, {@code freshness-seconds=60}, {@code bulk-in-flight=2} and {@code bulk-batch=2000} (raw bulk
 * baseline), {@code dir=target/bench-e2e}, {@code tracker=name=value|name=value} (tracker settings other than the
 * defaults, printed with the results), {@code tracker-jvm=option|option}.
 */
public final class EndToEndBenchmark {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int SAMPLE_EVERY = 20;

  public static void main(String[] args) throws Exception {
    Options options = new Options(args);
    int events = options.integer("events", 1_000_000);
    int instances = options.integer("instances", 100_000);
    int partitions = options.integer("partitions", 4);
    int freshnessSeconds = options.integer("freshness-seconds", 60);
    boolean warm = switch (options.string("start", "cold")) {
      case "cold" -> false;
      case "warm" -> true;
      default -> throw new IllegalArgumentException("start must be cold or warm");
    };
    int warmup = warm ? options.integer("warmup", 200_000) : 0;
    if (events % (OrderTraffic.EVENTS_PER_ORDER * instances) != 0) {
      throw new IllegalArgumentException("events must be a multiple of 10 x instances (ten events per order)");
    }
    Path dir = Path.of(options.string("dir", "target/bench-e2e")).toAbsolutePath();
    Directories.deleteRecursively(dir);
    Machine.quietLogging();
    System.out.println("machine: " + Machine.describe());
    LocalInfrastructure local = LocalInfrastructure.start(dir.resolve("infrastructure"),
        SharedInfrastructure.freePortPair(), SharedInfrastructure.freePort(),
        options.integer("elasticsearch-heap", 1024), System.out);
    String prefix = "e2e" + Long.toString(System.currentTimeMillis(), 36);
    String topicPrefix = prefix + ".";
    String bootstrap = local.kafkaBootstrapServers();
    List<String> topics = DemoEmitters.TOPICS.stream().map(t -> topicPrefix + t).toList();
    TestKafka.createTopics(bootstrap, partitions, topics);
    int port = SharedInfrastructure.freePort();
    Map<String, String> properties = TrackerSettings.of(local, prefix, Files.createDirectories(dir.resolve("state")),
        port);
    properties.put("tracker.topics", "^" + Pattern.quote(topicPrefix) + ".*");
    properties.put("tracker.definitions", TestDefinitions.orderFulfillment(topicPrefix));
    // tracker settings to compare against the defaults, e.g. tracker=tracker.indexing.flush-interval=60s|...
    for (String setting : options.string("tracker", "").split("\\|")) {
      if (!setting.isBlank()) {
        properties.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
      }
    }
    List<String> jvm = new ArrayList<>(List.of("-Xmx" + options.string("tracker-heap", "1g")));
    if (!options.string("tracker-jvm", "").isBlank()) {
      jvm.addAll(List.of(options.string("tracker-jvm", "").split("\\|")));
    }
    IndexNames names = new IndexNames(prefix);
    try (RestClient es = RestClient.builder(HttpHost.create(local.elasticsearchUri())).build();
        KafkaProducer<String, byte[]> producer = TestKafka.producer(bootstrap)) {
      // 1. throughput, cold: the whole load waits on the topics, then the tracker starts on it
      DemoEmitters emitters = new DemoEmitters(producer, JSON, topicPrefix);
      Backlog backlog = warm ? null : produce(emitters, producer, events, instances);
      double[] cpuBefore = {0, CpuTime.childrenExcept(-1), CpuTime.seconds(ProcessHandle.current())};
      Map<String, Double> threadsBefore = Map.of();
      long started = System.nanoTime();
      try (TrackerProcess tracker = TrackerProcess.start("tracker", jvm, properties, dir)) {
      System.out.printf("tracker started (pid %d, %s, log %s)%n", tracker.pid(), jvm, tracker.log);
      if (warm) {
        // warm: the tracker (and Elasticsearch) first track other orders, then the load arrives while it runs
        produce(emitters, producer, warmup, Math.min(instances, warmup / OrderTraffic.EVENTS_PER_ORDER));
        catchUp(es, names, port, tracker, warmup, started, null);
        awaitNoMerges(es);
        cpuBefore = cpu(tracker);
        threadsBefore = CpuTime.perThread(tracker.pid());
        started = System.nanoTime();
        backlog = produce(emitters, producer, events, instances);
      }
      Throughput t = catchUp(es, names, port, tracker, warmup + events, started, backlog);
      Map<TopicPartition, Long> endOffsets = endOffsets(bootstrap, topics);
      double[] cpuAfter = cpu(tracker);
      Map<String, Double> threadsAfter = new LinkedHashMap<>(CpuTime.perThread(tracker.pid()));
      threadsBefore.forEach((thread, seconds) -> threadsAfter.computeIfPresent(thread, (k, v) -> v - seconds));
      String writes = Prometheus.scrape(port).lines()
          .filter(l -> l.startsWith("tracker_elasticsearch_writes_total")).reduce("", (a, b) -> a + "\n  " + b);
      double rate = events / t.allSeconds;

      // 2. baselines
      awaitNoMerges(es);
      Baselines.Rate consume = Baselines.rawConsume(bootstrap, endOffsets);
      System.out.printf("raw consume: %,d records in %.1f s%n", consume.items(), consume.seconds());
      List<IndexDocument> documents = Baselines.readAll(es, names.eventsPattern(), prefix, prefix + "base");
      if (documents.size() != warmup + events) {
        throw new IllegalStateException(documents.size() + " event documents read back, " + (warmup + events)
            + " expected");
      }
      awaitNoMerges(es);
      double esBefore = CpuTime.childrenExcept(tracker.pid());
      double clientBefore = CpuTime.seconds(ProcessHandle.current());
      Baselines.Rate bulk = Baselines.rawBulk(es, prefix + "base", documents, options.integer("bulk-batch", 2000),
          options.integer("bulk-in-flight", 2));
      System.out.printf("raw bulk: %,d documents searchable in %.1f s; CPU s per 1M documents: Elasticsearch %.1f, "
          + "client (this JVM) %.1f%n", bulk.items(), bulk.seconds(),
          (CpuTime.childrenExcept(tracker.pid()) - esBefore) * 1e6 / bulk.items(),
          (CpuTime.seconds(ProcessHandle.current()) - clientBefore) * 1e6 / bulk.items());
      es.performRequest(new Request("DELETE", "/" + String.join(",",
          documents.stream().map(IndexDocument::index).distinct().toList())));
      awaitNoMerges(es);
      // the business records themselves, a warm-up's included: the connector indexes what the tracker indexed
      Map<String, IndexDocument> byRecord = new HashMap<>();
      for (IndexDocument d : documents) {
        byRecord.put(d.id(), new IndexDocument(prefix + "bare" + d.index().substring((prefix + "base").length()),
            d.id(), d.json()));
      }
      documents = null;
      esBefore = CpuTime.childrenExcept(tracker.pid());
      clientBefore = CpuTime.seconds(ProcessHandle.current());
      Baselines.Rate bare = Baselines.bareConnector(bootstrap, endOffsets, es, prefix + "bare", byRecord,
          options.integer("bulk-batch", 2000));
      System.out.printf("bare connector: %,d records searchable in %.1f s; CPU s per 1M records: Elasticsearch %.1f,"
          + " connector and broker (this JVM) %.1f%n", bare.items(), bare.seconds(),
          (CpuTime.childrenExcept(tracker.pid()) - esBefore) * 1e6 / bare.items(),
          (CpuTime.seconds(ProcessHandle.current()) - clientBefore) * 1e6 / bare.items());
      // by name: Elasticsearch refuses wildcard deletes (action.destructive_requires_name)
      es.performRequest(new Request("DELETE", "/" + String.join(",",
          byRecord.values().stream().map(IndexDocument::index).distinct().toList())));
      byRecord = null;
      awaitNoMerges(es);

      // 3. freshness at half the end-to-end rate
      Freshness f = freshness(es, names, new DemoEmitters(producer, JSON, topicPrefix), producer,
          (int) (rate / 2), freshnessSeconds, Math.max(1_000, instances / 10));

      report(events, instances, partitions, warm ? warmup : -1, t, cpuBefore, cpuAfter, consume, bulk, bare, f,
          tracker, jvm, options.string("tracker", "(defaults)"));
      System.out.println();
      System.out.println("Elasticsearch documents written by the tracker" + (warm ? " (warm-up included):" : ":")
          + writes);
      System.out.println("tracker CPU seconds per 1M events by thread in the throughput phase (top 12):");
      threadsAfter.entrySet().stream()
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(12)
          .forEach(e -> System.out.printf("  %-16s %6.1f%n", e.getKey(), e.getValue() * 1e6 / events));
      double written = writes.lines().map(String::trim).filter(l -> !l.isEmpty())
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
      System.out.println();
      System.out.printf(java.util.Locale.ROOT, "RESULT tracker_events_per_s=%.0f bare_connector_events_per_s=%.0f"
          + " raw_bulk_docs_per_s=%.0f ratio_bare=%.2f ratio_raw_bulk=%.2f tracker_cpu_s_per_1m=%.1f"
          + " elasticsearch_cpu_s_per_1m=%.1f docs_per_event=%.2f%n", rate, bare.perSecond(), bulk.perSecond(),
          rate / bare.perSecond(), rate / bulk.perSecond(), (cpuAfter[0] - cpuBefore[0]) * 1e6 / events,
          (cpuAfter[1] - cpuBefore[1]) * 1e6 / events, written / (warmup + events));
      }
    } finally {
      local.close();
    }
    System.exit(0);
  }

  record Backlog(double seconds, double payloadBytes) {}

  record Throughput(Backlog backlog, double healthySeconds, double searchableSeconds, double allSeconds) {}

  /** Produces the whole load as fast as the producer goes. */
  static Backlog produce(DemoEmitters emitters, KafkaProducer<String, byte[]> producer, int events,
      int instances) throws Exception {
    OrderTraffic traffic = new OrderTraffic(emitters, instances);
    long payload = 0;
    System.out.printf("producing %,d events (%,d orders, %,d open at once)%n", events,
        events / OrderTraffic.EVENTS_PER_ORDER, instances);
    long start = System.nanoTime();
    List<Future<RecordMetadata>> window = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      window.add(traffic.next());
      if (window.size() == 10_000 || i == events - 1) {
        producer.flush();
        for (Future<RecordMetadata> f : window) {
          payload += f.get().serializedValueSize();
        }
        window.clear();
      }
    }
    double seconds = seconds(start);
    System.out.printf("produced in %.1f s (%,.0f events/s), average payload %.0f B%n", seconds, events / seconds,
        payload / (double) events);
    return new Backlog(seconds, payload / (double) events);
  }

  /** From {@code start} until {@code events} events are searchable and all their instances read COMPLETED. */
  static Throughput catchUp(RestClient es, IndexNames names, int port, TrackerProcess tracker, int events,
      long start, Backlog backlog) throws Exception {
    int orders = events / OrderTraffic.EVENTS_PER_ORDER;
    HttpClient http = HttpClient.newHttpClient();
    double healthy = -1;
    double searchable = -1;
    double completed = -1;
    long lastPrint = 0;
    String isCompleted = "{\"term\":{\"status\":\"COMPLETED\"}}";
    while (searchable < 0 || completed < 0) {
      Thread.sleep(100);
      if (!tracker.isAlive()) {
        throw new IllegalStateException("the tracker exited; see " + tracker.log);
      }
      if (healthy < 0 && healthy(http, port)) {
        healthy = seconds(start);
        System.out.printf("  tracker healthy after %.1f s%n", healthy);
      }
      long indexed = Baselines.count(es, names.eventsPattern());
      long done = Baselines.count(es, names.instancesIndex(), isCompleted);
      if (searchable < 0 && indexed >= events) {
        searchable = seconds(start);
      }
      if (completed < 0 && done >= orders) {
        completed = seconds(start);
      }
      if (System.nanoTime() - lastPrint > 10e9) {
        lastPrint = System.nanoTime();
        System.out.printf("  %.0f s: %,d events searchable, %,d instances completed%n", seconds(start), indexed, done);
      }
      if (seconds(start) > 3_600) {
        throw new IllegalStateException("not done after an hour: " + indexed + " events, " + done + " completed");
      }
    }
    System.out.printf("all %,d events searchable after %.1f s, all instances completed after %.1f s%n", events,
        searchable, completed);
    return new Throughput(backlog, healthy, searchable, Math.max(searchable, completed));
  }

  /**
   * Freshness of the sampled events and instance documents, each also split where the tracker stamped the document:
   * an event's {@code receivedAt} (the forwarder read it), an instance's {@code updatedAt} (the topology changed it;
   * a later change of the same instance, if one came before the document was found, moves the split later).
   */
  record Freshness(int targetRate, double achievedRate, long events, Percentiles millis, int unfound,
      Percentiles instanceMillis, int instancesUnfound, Percentiles eventsToRead, Percentiles eventsFromRead,
      Percentiles instancesToChange, Percentiles instancesFromChange) {}

  private static Freshness freshness(RestClient es, IndexNames names, DemoEmitters emitters,
      KafkaProducer<String, byte[]> producer, int rate, int seconds, int concurrent) throws Exception {
    System.out.printf("freshness: %,d events/s for %d s, one in %d sampled%n", rate, seconds, SAMPLE_EVERY);
    OrderTraffic traffic = new OrderTraffic(emitters, concurrent);
    try (FreshnessProbe probe = new FreshnessProbe(es, names.eventsPattern(), 25, "receivedAt");
        FreshnessProbe instanceProbe = new FreshnessProbe(es, names.instancesIndex(), 25, "updatedAt")) {
      long start = System.nanoTime();
      long total = (long) rate * seconds;
      long sent = 0;
      while (sent < total) {
        long due = start + (long) (sent * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        long sentAt = System.nanoTime();
        Future<RecordMetadata> f = traffic.next();
        if (sent % SAMPLE_EVERY == 0) {
          probe.sent(f, sentAt);
        }
        if (traffic.lastWasFirst() && sent % (SAMPLE_EVERY / 2) == 0) {
          instanceProbe.expect(DocumentIds.instance("order-fulfillment", traffic.lastOrder().orderId()), sentAt);
        }
        sent++;
      }
      double achieved = sent / seconds(start);
      producer.flush();
      long waitUntil = System.nanoTime() + 60_000_000_000L;
      while ((probe.pending() > 0 || instanceProbe.pending() > 0) && System.nanoTime() < waitUntil) {
        Thread.sleep(100);
      }
      return new Freshness(rate, achieved, sent, new Percentiles(probe.millis()), probe.pending(),
          new Percentiles(instanceProbe.millis()), instanceProbe.pending(),
          new Percentiles(probe.toStampMillis()), new Percentiles(probe.fromStampMillis()),
          new Percentiles(instanceProbe.toStampMillis()), new Percentiles(instanceProbe.fromStampMillis()));
    }
  }

  private static void report(int events, int instances, int partitions, int warmup, Throughput t, double[] before,
      double[] after, Baselines.Rate consume, Baselines.Rate bulk, Baselines.Rate bare, Freshness f,
      TrackerProcess tracker,
      List<String> jvm, String settings) {
    double rate = events / t.allSeconds();
    double perMillion = 1e6 / events;
    System.out.println();
    System.out.println("## End-to-end benchmark");
    System.out.println("machine: " + Machine.describe());
    System.out.printf("load: %,d events, %,d orders of 10 events, %,d instances open at once, average payload %.0f B, "
        + "4 topics x %d partitions; tracker %s, defaults otherwise%n", events, events / 10, instances,
        t.backlog().payloadBytes(), partitions, jvm);
    System.out.println("tracker settings: " + settings);
    System.out.println(warmup < 0 ? "start: cold (the load produced first, then the tracker started on it)"
        : String.format("start: warm (the tracker running, %,d events of other orders tracked and indexed first; "
            + "the load produced while it runs)", warmup));
    System.out.println();
    System.out.println("| measure | value |");
    System.out.println("|---|---|");
    String from = warmup < 0 ? "tracker start" : "first event sent";
    if (warmup < 0) {
      System.out.printf("| produced before the tracker starts (load generator) | %.1f s, %,.0f events/s |%n",
          t.backlog().seconds(), events / t.backlog().seconds());
      System.out.printf("| tracker start -> healthy (HTTP health UP) | %.1f s |%n", t.healthySeconds());
    } else {
      System.out.printf("| produced while the tracker runs (load generator) | %.1f s, %,.0f events/s |%n",
          t.backlog().seconds(), events / t.backlog().seconds());
    }
    System.out.printf("| %s -> every event searchable | %.1f s |%n", from, t.searchableSeconds());
    System.out.printf("| %s -> every event searchable and every instance COMPLETED | %.1f s |%n", from,
        t.allSeconds());
    System.out.printf("| **tracker end-to-end rate** | **%,.0f events/s** |%n", rate);
    System.out.printf("| CPU s per 1M events: tracker process | %.1f |%n", (after[0] - before[0]) * perMillion);
    System.out.printf("| CPU s per 1M events: Elasticsearch node | %.1f |%n", (after[1] - before[1]) * perMillion);
    System.out.printf("| CPU s per 1M events: broker and load generator (one JVM) | %.1f |%n",
        (after[2] - before[2]) * perMillion);
    System.out.printf("| baseline: raw consume (kafka-clients, same records) | %,.0f records/s (%.1f s) |%n",
        consume.perSecond(), consume.seconds());
    System.out.printf("| baseline: raw bulk index (elasticsearch-java, same documents and mappings) | %,.0f docs/s "
        + "(%.1f s to searchable) |%n", bulk.perSecond(), bulk.seconds());
    System.out.printf("| baseline: bare connector (consume, parse, bulk, commit after acknowledge) | %,.0f events/s "
        + "(%.1f s to searchable) |%n", bare.perSecond(), bare.seconds());
    System.out.printf("| **tracker / bare connector** | **%.2fx** |%n", rate / bare.perSecond());
    System.out.printf("| **tracker / raw bulk index** | **%.2fx** |%n", rate / bulk.perSecond());
    System.out.printf("| tracker / raw consume | %.3fx |%n", rate / consume.perSecond());
    System.out.printf("| freshness load (half the end-to-end rate) | %,d events/s target, %,.0f achieved, %,d events |%n",
        f.targetRate, f.achievedRate, f.events);
    System.out.printf("| **freshness, send -> searchable (%,d samples)** | **p50 %.0f ms, p90 %.0f ms, p99 %.0f ms**, "
        + "max %.0f ms; %d never found |%n", f.millis.count(), f.millis.at(50), f.millis.at(90), f.millis.at(99),
        f.millis.max(), f.unfound);
    System.out.printf("| **freshness, first event sent -> its instance document searchable (%,d samples)** | **p50 %.0f"
        + " ms, p90 %.0f ms, p99 %.0f ms**, max %.0f ms; %d never found |%n", f.instanceMillis.count(),
        f.instanceMillis.at(50), f.instanceMillis.at(90), f.instanceMillis.at(99), f.instanceMillis.max(),
        f.instancesUnfound);
    split("events, send -> read by the forwarder (`receivedAt`)", f.eventsToRead());
    split("events, read by the forwarder -> searchable", f.eventsFromRead());
    split("instance documents, first event sent -> changed by the topology (`updatedAt`)", f.instancesToChange());
    split("instance documents, changed by the topology -> searchable", f.instancesFromChange());
    System.out.printf("| tracker resident memory at the end | %.0f MiB |%n", CpuTime.residentMiB(tracker.pid()));
  }

  private static void split(String what, Percentiles p) {
    System.out.printf("| freshness split: %s (%,d samples) | p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms |%n",
        what, p.count(), p.at(50), p.at(90), p.at(99), p.max());
  }

  /** CPU seconds so far of the tracker, the Elasticsearch node and this JVM. */
  private static double[] cpu(TrackerProcess tracker) {
    return new double[] {CpuTime.seconds(tracker.pid()),
        CpuTime.childrenExcept(tracker.pid()), CpuTime.seconds(ProcessHandle.current())};
  }

  /** Whether the tracker on {@code port} answers health UP. */
  static boolean healthy(HttpClient http, int port) throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    } catch (java.io.IOException notYet) {
      return false;
    }
  }

  /** Waits (up to a minute) until Elasticsearch runs no merge, so that one phase's merging does not slow the next. */
  private static void awaitNoMerges(RestClient es) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      var stats = JSON.readTree(org.apache.http.util.EntityUtils.toByteArray(
          es.performRequest(new Request("GET", "/_stats/merge")).getEntity()));
      if (stats.path("_all").path("total").path("merges").path("current").asLong() == 0) {
        return;
      }
      Thread.sleep(500);
    }
  }

  private static Map<TopicPartition, Long> endOffsets(String bootstrap, List<String> topics) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
      admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions()
          .forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
      Map<TopicPartition, Long> ends = new LinkedHashMap<>();
      admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
      return ends;
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
