package io.choreography.tracker.service.bench;

import io.choreography.tracker.model.InstanceSnapshot;
import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.model.instances.InstanceDocument;
import io.choreography.tracker.model.instances.InstanceDocumentCodec;
import io.choreography.tracker.service.elasticsearch.BulkWriter;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import io.choreography.tracker.service.elasticsearch.IndexTemplates;
import io.choreography.tracker.service.indexing.IndexWrites;
import io.choreography.tracker.service.indexing.IndexingConfiguration;
import io.choreography.tracker.service.indexing.IndexingProperties;
import io.choreography.tracker.service.it.SharedInfrastructure;
import io.choreography.tracker.service.kafka.SinkContainer;
import io.choreography.tracker.service.local.Directories;
import io.choreography.tracker.service.local.LocalInfrastructure;
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
import java.util.Optional;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * CPU of the state writer and of Elasticsearch per instance document written (not a test): the state writer's sink
 * (the code its listener container calls with each batch) against a local Elasticsearch node, fed records of
 * {@code tracker.instances} as the topology writes them (with their content type), {@code batch} records every
 * {@code interval} ms, as a flush interval of that length would gather them (each batch made just before it is
 * handed over, outside the sink's measured CPU). {@code instances} orders are open at
 * once and reach one more of their ten steps per round, so after the first round every write is an update, as
 * with the end-to-end benchmark's 100,000 open orders. The first {@code warmup} writes are not measured.
 *
 * <p>{@code refresh=2s} sets the instances index's refresh interval; {@code unindexed=version,openIncidents} creates
 * it with those fields neither indexed nor with doc values, {@code unindexed=stepDurationsMs} with the per-step
 * durations not indexed (their doc values kept for the percentiles): what such template changes would save.
 *
 * <pre>
 * ./mvnw -B -ntp -Pbenchmarks -pl tracker-service -am verify -DskipTests -Dbenchmark=StateWriterBenchmark \
 *     -Dbenchmark.args="writes=400000 instances=80000 batch=8000 interval=1000"
 * </pre>
 *
 * <p>Measured figures: docs/performance.md.
 */
public final class StateWriterBenchmark {

  private static final String TOPIC = "tracker.instances";
  private static final String[] STEPS = {"order-placed", "order-confirmed", "payment-received", "picking",
      "picked", "packed", "goods-fetched", "labelled", "label-created", "order-shipped"};
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  public static void main(String[] args) throws Exception {
    Options options = new Options(args, java.util.Set.of("writes", "instances", "batch", "interval", "warmup", "refresh",
        "unindexed", "heap"));
    int writes = options.integer("writes", 400_000);
    int instances = options.integer("instances", 80_000);
    int batch = options.integer("batch", 8_000);
    int interval = options.integer("interval", 1_000);
    int warmup = options.integer("warmup", instances);
    String refresh = options.string("refresh", null);
    String unindexed = options.string("unindexed", "");
    Machine.quietLogging();
    Path dir = Path.of("target", "bench-state-writer").toAbsolutePath();
    Directories.deleteRecursively(dir);
    LocalInfrastructure local = LocalInfrastructure.start(dir, SharedInfrastructure.freePortPair(),
        SharedInfrastructure.freePort(), options.integer("heap", 1024), System.out);
    JsonMapper json = JsonMapper.builder().build();
    try (RestClient rest = RestClient.builder(HttpHost.create(local.elasticsearchUri())).build()) {
      IndexNames names = new IndexNames("statewriter");
      IndexTemplates templates = new IndexTemplates(rest, names);
      templates.ensureInstalled();
      if (!unindexed.isBlank()) {
        recreate(rest, json, names.instancesIndex(), templates.body("instances-template.json"),
            List.of(unindexed.split(",")));
      }
      if (refresh != null) {
        call(rest, "PUT", "/" + names.instancesIndex() + "/_settings",
            "{\"index\":{\"refresh_interval\":\"" + refresh + "\"}}");
      }
      SinkContainer.Sink sink = IndexingConfiguration.stateWriterSink(new IndexingProperties(true, TOPIC,
          "tracker.incidents", "tracker.drift", "bench", Duration.ofMillis(interval), batch), names,
          new BulkWriter(rest), templates, new IndexWrites(new SimpleMeterRegistry()));

      System.out.printf("warm-up: %,d writes%n", warmup);
      write(sink, 0, warmup, instances, batch, interval);
      System.gc();
      Thread.sleep(5_000);
      String loadBefore = load();
      long pid = ProcessHandle.current().pid();
      Map<String, Double> threadsBefore = threads(pid);
      double esBefore = CpuTime.childrenExcept(-1);
      JsonNode statsBefore = stats(rest, json, names.instancesIndex());
      long started = System.nanoTime();
      double writer = write(sink, warmup, writes, instances, batch, interval);
      double seconds = (System.nanoTime() - started) / 1e9;
      Thread.sleep(interval + 2_000L); // the last refresh and the merges it starts
      double es = CpuTime.childrenExcept(-1) - esBefore;
      Map<String, Double> threads = delta(threadsBefore, threads(pid));
      JsonNode statsAfter = stats(rest, json, names.instancesIndex());
      String loadAfter = load();
      call(rest, "POST", "/" + names.instancesIndex() + "/_refresh", null);
      long count = call(rest, "GET", "/" + names.instancesIndex() + "/_count", null, json).path("count").asLong();

      double io = threads.entrySet().stream().filter(e -> e.getKey().startsWith("java:elasticsearch-rest-client"))
          .mapToDouble(Map.Entry::getValue).sum();
      double gc = threads.entrySet().stream().filter(e -> e.getKey().startsWith("GC ") || e.getKey().startsWith("GN "))
          .mapToDouble(Map.Entry::getValue).sum();
      double perMillion = 1e6 / writes;
      System.out.println();
      System.out.println("machine: " + Machine.describe());
      System.out.printf("load avg (1, 5, 15 min) before: %s, after: %s%n", loadBefore, loadAfter);
      System.out.printf("instances index: refresh_interval %s, unindexed %s%n", refresh == null ? "template" : refresh,
          unindexed.isBlank() ? "none" : unindexed);
      System.out.printf("%,d writes (%,d open instances, batches of %,d every %d ms) in %.1f s: %,.0f writes/s; "
          + "%,d documents%n", writes, instances, batch, interval, seconds, writes / seconds, count);
      System.out.printf("state writer CPU s per 1M writes: %.1f (sink thread %.1f, Elasticsearch client I/O %.1f); "
          + "GC of the benchmark's JVM %.1f, making the records included%n", (writer + io) * perMillion,
          writer * perMillion, io * perMillion, gc * perMillion);
      System.out.println("busiest threads of the benchmark's JVM, CPU s per 1M writes: " + threads.entrySet().stream()
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
          .map(e -> String.format("%s %.1f", e.getKey(), e.getValue() * perMillion)).toList());
      System.out.printf("Elasticsearch CPU s per 1M writes: %.1f; its own statistics per 1M writes: indexing %.1f s, "
          + "refresh %.1f s, merges %.1f s%n", es * perMillion,
          millis(statsBefore, statsAfter, "indexing", "index_time_in_millis") / 1e3 * perMillion,
          millis(statsBefore, statsAfter, "refresh", "total_time_in_millis") / 1e3 * perMillion,
          millis(statsBefore, statsAfter, "merges", "total_time_in_millis") / 1e3 * perMillion);
      System.out.printf("RESULT writes_per_s=%.0f state_writer_cpu_s_per_1m=%.1f elasticsearch_cpu_s_per_1m=%.1f "
          + "load_before=%s load_after=%s%n", writes / seconds, (writer + io) * perMillion, es * perMillion,
          loadBefore.split(" ")[0], loadAfter.split(" ")[0]);
    } finally {
      local.close();
      Directories.deleteRecursively(dir);
    }
    System.exit(0);
  }

  /**
   * Hands the writes to the sink, {@code batch} at a time every {@code interval} ms (or back to back when writing
   * takes longer); each batch made just before. Answers the CPU seconds the sink's thread took.
   */
  private static double write(SinkContainer.Sink sink, long first, int count, int instances, int batch,
      int interval) throws Exception {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu = 0;
    long next = System.nanoTime();
    for (long from = first; from < first + count; from += batch) {
      List<ConsumerRecord<byte[], byte[]>> records = records(from, (int) Math.min(batch, first + count - from),
          instances);
      long before = mx.getCurrentThreadCpuTime();
      sink.accept(records);
      cpu += mx.getCurrentThreadCpuTime() - before;
      next += interval * 1_000_000L;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
      }
    }
    return cpu / 1e9;
  }

  /** Writes {@code first} to {@code first + count - 1}: write n is instance n % instances at step n / instances. */
  private static List<ConsumerRecord<byte[], byte[]>> records(long first, int count, int instances) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(count);
    byte[] contentType = InstanceDocumentCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
    for (long n = first; n < first + count; n++) {
      int instance = (int) (n % instances);
      int reached = (int) (n / instances % STEPS.length) + 1;
      InstanceDocument d = document(instance, reached, n);
      byte[] key = d.key().getBytes(StandardCharsets.UTF_8);
      byte[] value = InstanceDocumentCodec.encode(d);
      RecordHeaders headers = new RecordHeaders();
      headers.add("content-type", contentType);
      records.add(new ConsumerRecord<>(TOPIC, instance % 8, n, T0.toEpochMilli(), TimestampType.CREATE_TIME,
          key.length, value.length, key, value, headers, Optional.empty()));
    }
    return records;
  }

  private static InstanceDocument document(int instance, int reached, long n) {
    String traceId = String.format("%032x", (long) instance * 0x9E3779B97F4A7C15L);
    Instant started = T0.plusMillis(instance * 10L);
    Map<String, InstanceSnapshot.ReachedStep> steps = new LinkedHashMap<>();
    Map<String, Long> durations = new LinkedHashMap<>();
    for (int s = 0; s < reached; s++) {
      steps.put(STEPS[s], new InstanceSnapshot.ReachedStep(started.plusSeconds(s * 12L), "e-" + traceId + "-" + s));
      if (s > 0) {
        durations.put(STEPS[s], 12_000L + s);
      }
    }
    boolean done = reached == STEPS.length;
    Instant now = started.plusSeconds((reached - 1) * 12L);
    List<InstanceSnapshot.WaitingStep> waiting = done ? List.of()
        : List.of(new InstanceSnapshot.WaitingStep(STEPS[reached], now, now.plusSeconds(3_600)));
    return new InstanceDocument("order-fulfillment", "1", traceId, done ? InstanceStatus.COMPLETED
        : InstanceStatus.RUNNING, started, done ? now : null, now.plusMillis(n % 1000), steps, waiting, List.of(),
        List.of(), durations, InstanceDocument.Deviations.NONE);
  }

  /** Creates the instances index again with the template's mapping, minus indexing of the given fields. */
  private static void recreate(RestClient rest, JsonMapper json, String index, String template, List<String> fields)
      throws Exception {
    ObjectNode body = (ObjectNode) json.readTree(template).path("template");
    ObjectNode mappings = (ObjectNode) body.path("mappings");
    ObjectNode properties = (ObjectNode) mappings.path("properties");
    for (String field : fields) {
      if (field.equals("stepDurationsMs")) {
        ((ObjectNode) mappings.path("dynamic_templates").path(0).path("step_durations").path("mapping"))
            .put("index", false);
      } else if (properties.path(field).isObject()) {
        ((ObjectNode) properties.path(field)).put("index", false).put("doc_values", false);
      } else {
        throw new IllegalArgumentException("no field " + field + " in the instances mapping");
      }
    }
    call(rest, "DELETE", "/" + index, null);
    call(rest, "PUT", "/" + index + "?wait_for_active_shards=1", json.writeValueAsString(body));
  }

  private static JsonNode stats(RestClient rest, JsonMapper json, String index) throws Exception {
    return call(rest, "GET", "/" + index + "/_stats/indexing,refresh,merge", null, json).path("_all")
        .path("primaries");
  }

  private static double millis(JsonNode before, JsonNode after, String group, String field) {
    return after.path(group).path(field).asDouble() - before.path(group).path(field).asDouble();
  }

  /**
   * CPU seconds per thread from {@code /proc} (GC, JIT), and of the JVM's own threads by their whole names (the
   * kernel keeps only 15 characters) as {@code java:<name>}.
   */
  private static Map<String, Double> threads(long pid) {
    Map<String, Double> seconds = new LinkedHashMap<>(CpuTime.perThread(pid));
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      long nanos = t == null ? -1 : mx.getThreadCpuTime(t.getThreadId());
      if (nanos > 0) {
        seconds.merge("java:" + t.getThreadName().replaceAll("\\d+", "N"), nanos / 1e9, Double::sum);
      }
    }
    return seconds;
  }

  private static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> d = new LinkedHashMap<>();
    after.forEach((name, s) -> d.put(name, s - before.getOrDefault(name, 0.0)));
    return d;
  }

  private static String load() throws Exception {
    String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return f[0] + " " + f[1] + " " + f[2];
  }

  private static void call(RestClient rest, String method, String path, String body) throws Exception {
    Request request = new Request(method, path);
    if (body != null) {
      request.setJsonEntity(body);
    }
    rest.performRequest(request);
  }

  private static JsonNode call(RestClient rest, String method, String path, String body, JsonMapper json)
      throws Exception {
    Request request = new Request(method, path);
    if (body != null) {
      request.setJsonEntity(body);
    }
    try (var in = rest.performRequest(request).getEntity().getContent()) {
      return json.readTree(in);
    }
  }
}
