package io.choreography.tracker.service.bench;

import io.choreography.tracker.service.demo.DemoEmitters;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import io.choreography.tracker.service.it.SharedInfrastructure;
import io.choreography.tracker.service.it.TestDefinitions;
import io.choreography.tracker.service.it.TestKafka;
import io.choreography.tracker.service.it.TestOtlpReceiver;
import io.choreography.tracker.service.local.Directories;
import io.choreography.tracker.service.local.LocalInfrastructure;
import io.choreography.tracker.service.tracking.TrackerProcess;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.elasticsearch.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the tracker's own spans cost, not a test: the packaged tracker (a child process) against a local broker and
 * node, twice on fresh topics, once with export off (no OTLP endpoint: the no-op) and once exporting to an OTLP/HTTP
 * receiver in this JVM (a process span per record, instance traces on, the SDK's default batch settings). Each run:
 * the tracker starts, tracks {@code warmup} events of demo orders (JIT warm-up), then {@code events} more are produced
 * while it runs, measured from the first send until all are searchable and every instance reads COMPLETED: events/s
 * and the tracker's CPU seconds (per 1M events), and for export on the spans the receiver got.
 *
 * <pre>
 * ./mvnw -B -ntp -Pbenchmarks -pl tracker-service -am verify -DskipTests -Dbenchmark=TracingCostBenchmark \
 *     -Dbenchmark.args="events=200000 warmup=100000 instances=10000"
 * </pre>
 *
 * Options: {@code events=200000}, {@code warmup=100000}, {@code instances=10000} (orders open at once), {@code
 * partitions=4}, {@code tracker-heap=1g}, {@code dir=target/bench-tracing}.
 */
public final class TracingCostBenchmark {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  record Run(String name, double eventsPerSecond, double trackerCpuSeconds, int events) {
    double cpuPerMillion() {
      return trackerCpuSeconds * 1e6 / events;
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = new Options(args);
    int events = options.integer("events", 200_000);
    int warmup = options.integer("warmup", 100_000);
    int instances = options.integer("instances", 10_000);
    if (events % (OrderTraffic.EVENTS_PER_ORDER * instances) != 0
        || warmup % (OrderTraffic.EVENTS_PER_ORDER * instances) != 0) {
      throw new IllegalArgumentException("events and warmup must be multiples of 10 x instances");
    }
    Path dir = Path.of(options.string("dir", "target/bench-tracing")).toAbsolutePath();
    Directories.deleteRecursively(dir);
    Machine.quietLogging();
    System.out.println("machine: " + Machine.describe());
    LocalInfrastructure local = LocalInfrastructure.start(dir.resolve("infrastructure"),
        SharedInfrastructure.freePortPair(), SharedInfrastructure.freePort(), 1024, System.out);
    try (TestOtlpReceiver receiver = new TestOtlpReceiver();
        RestClient es = RestClient.builder(HttpHost.create(local.elasticsearchUri())).build()) {
      Run off = run(local, es, dir, options, "off", Map.of(), warmup, events, instances);
      Run on = run(local, es, dir, options, "on", Map.of("otel.exporter.otlp.endpoint", receiver.endpoint(),
          "tracker.tracing.instances", "true"), warmup, events, instances);
      int spans = receiver.spans().size();
      long processSpans = receiver.spans().stream().filter(s -> s.name().startsWith("process ")).count();
      System.out.println();
      System.out.printf(Locale.ROOT, "| export | events/s | tracker CPU s | CPU s per 1M events |%n");
      for (Run r : List.of(off, on)) {
        System.out.printf(Locale.ROOT, "| %s | %,.0f | %.1f | %.1f |%n", r.name(), r.eventsPerSecond(),
            r.trackerCpuSeconds(), r.cpuPerMillion());
      }
      System.out.printf(Locale.ROOT, "OTLP receiver: %,d requests, %,d spans (%,d process spans for %,d events"
          + " produced in the on run, warm-up included)%n", receiver.requests(), spans, processSpans, warmup + events);
      System.out.printf(Locale.ROOT, "RESULT off_events_per_s=%.0f on_events_per_s=%.0f off_cpu_s_per_1m=%.1f"
          + " on_cpu_s_per_1m=%.1f cpu_ratio=%.2f spans=%d%n", off.eventsPerSecond(), on.eventsPerSecond(),
          off.cpuPerMillion(), on.cpuPerMillion(), on.cpuPerMillion() / off.cpuPerMillion(), spans);
    } finally {
      local.close();
    }
    System.exit(0);
  }

  private static Run run(LocalInfrastructure local, RestClient es, Path dir, Options options, String name,
      Map<String, String> extra, int warmup, int events, int instances) throws Exception {
    String prefix = "tracing" + name + Long.toString(System.currentTimeMillis(), 36);
    String topicPrefix = prefix + ".";
    String bootstrap = local.kafkaBootstrapServers();
    TestKafka.createTopics(bootstrap, options.integer("partitions", 4),
        DemoEmitters.TOPICS.stream().map(t -> topicPrefix + t).toList());
    int port = SharedInfrastructure.freePort();
    Map<String, String> properties = TrackerSettings.ownGroups(local, prefix,
        Files.createDirectories(dir.resolve(name + "-state")), port);
    properties.put("tracker.topics", "^" + Pattern.quote(topicPrefix) + ".*");
    properties.put("tracker.definitions", TestDefinitions.orderFulfillment(topicPrefix));
    properties.putAll(extra);
    IndexNames names = new IndexNames(prefix);
    List<String> jvm = List.of("-Xmx" + options.string("tracker-heap", "1g"));
    try (KafkaProducer<String, byte[]> producer = TestKafka.producer(bootstrap);
        TrackerProcess tracker = TrackerProcess.start("tracker-" + name, jvm, properties, dir)) {
      DemoEmitters emitters = new DemoEmitters(producer, JSON, topicPrefix);
      HttpClient http = HttpClient.newHttpClient();
      while (!EndToEndBenchmark.healthy(http, port)) {
        if (!tracker.isAlive()) {
          throw new IllegalStateException("the tracker exited; see " + tracker.log);
        }
        Thread.sleep(500);
      }
      System.out.printf("%s: tracker healthy (pid %d, %s), warm-up of %,d events%n", name, tracker.pid(), extra,
          warmup);
      long warmStart = System.nanoTime();
      EndToEndBenchmark.produce(emitters, producer, warmup, instances);
      EndToEndBenchmark.catchUp(es, names, port, tracker, warmup, warmStart, null);
      double cpuBefore = CpuTime.seconds(tracker.pid());
      long start = System.nanoTime();
      EndToEndBenchmark.Backlog backlog = EndToEndBenchmark.produce(emitters, producer, events, instances);
      EndToEndBenchmark.Throughput t = EndToEndBenchmark.catchUp(es, names, port, tracker, warmup + events, start,
          backlog);
      double cpu = CpuTime.seconds(tracker.pid()) - cpuBefore;
      Run run = new Run(name, events / t.allSeconds(), cpu, events);
      System.out.printf(Locale.ROOT, "%s: %,d events in %.1f s = %,.0f events/s; tracker %.1f CPU s (%.1f per 1M"
          + " events)%n", name, events, t.allSeconds(), run.eventsPerSecond(), cpu, run.cpuPerMillion());
      return run;
    }
  }
}
