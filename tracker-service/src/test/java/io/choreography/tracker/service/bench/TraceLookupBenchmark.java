package io.choreography.tracker.service.bench;

import io.choreography.tracker.service.api.Searches;
import io.choreography.tracker.service.api.TraceQueries;
import io.choreography.tracker.service.elasticsearch.IndexDocument;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import io.choreography.tracker.service.it.SharedInfrastructure;
import io.choreography.tracker.service.local.Directories;
import io.choreography.tracker.service.local.LocalInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.http.HttpHost;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a test: how long {@code GET /api/traces/{id}} takes with 10,000,000 events indexed.
 *
 * <p>It starts a local Kafka broker and Elasticsearch node (1024 MB heap) in {@code dir}; bulk-loads 1,000,000
 * order-fulfillment orders of ten events each (see {@link OrderDataSet}: the tracker's own templates and document
 * mappers, daily event indices of the record timestamps, ids {@code topic-partition-offset}, about 1.2 KB per event
 * document), spread over the 10 days before now, plus each order's instance document and about 60,000 incident
 * documents. The events are loaded straight by {@code _bulk}, not through Kafka and the tracker's indexer: this
 * measures the lookup, not ingestion. It checks the counts with {@code _count}, waits until no merge runs, starts the
 * real tracker in this JVM on that data (demo and security off, reading no topic), and from one client, sequentially,
 * over one kept-alive HTTP connection, looks up {@code warmup} then {@code lookups} random existing trace ids and
 * {@code missing} random ids that do not exist. Every answer is checked: an existing trace must come back with
 * exactly its events (their types and times, in time order), its one instance and its incidents; an unknown one with
 * 404. Then it sends the tracker's events search for {@code direct} other random ids straight to Elasticsearch, for
 * Elasticsearch's own {@code took}. It prints p50, p90, p99 and max per kind, the documents, indices, store size and
 * the machine.
 *
 * <p>Run, from the repository root:
 *
 * <pre>
 * ./mvnw -B -ntp -Pbenchmarks -pl tracker-service -am verify -DskipTests -Dbenchmark=TraceLookupBenchmark \
 *     -Dbenchmark.args="events=10000000"
 * </pre>
 *
 * <p>Options ({@code name=value}, with or without a leading {@code --}): {@code events} (10000000, rounded up to whole
 * orders of 10), {@code days} (10), {@code lookups} (2000), {@code warmup} (200), {@code missing} (200), {@code direct}
 * (500), {@code esHeapMb} (1024), {@code seed} (1), {@code dir} ({@code target/bench-trace-lookup}, relative to
 * tracker-service/) and {@code keep} (false). By default the broker's and the node's files in {@code dir} are deleted
 * before and after the run. With {@code keep=true} they stay, with a note of what was loaded; the next run with {@code
 * keep=true} and the same {@code dir}, {@code events} and {@code days} reuses the loaded data instead of loading again
 * (after checking the counts), any other run deletes it first, e.g. {@code dir=/var/tmp/trace-lookup keep=true}.
 * Measured figures: docs/performance.md, "Trace lookup".
 */
public final class TraceLookupBenchmark {

  private static final Set<String> OPTIONS = Set.of("events", "days", "lookups", "warmup", "missing", "direct",
      "esHeapMb", "seed", "dir", "keep");
  private static final String NOTE = "trace-lookup-data-set.properties";
  /**
   * An event with its share of instances and incidents takes about 480 bytes of store, but right after loading the
   * node's data directory holds about 1,750 bytes per event (the translog is not flushed yet); with room for merges.
   */
  private static final long BYTES_PER_EVENT_NEEDED = 2_500;

  private final JsonMapper json = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final OrderHistories expected;
  private final int orders;
  private final Random random;

  private TraceLookupBenchmark(OrderHistories expected, int orders, long seed) {
    this.expected = expected;
    this.orders = orders;
    this.random = new Random(seed);
  }

  public static void main(String[] args) throws Exception {
    // the broker logs at INFO until the tracker's Spring Boot sets up logging (root WARN): keep progress readable
    Machine.quietLogging();
    Options options = new Options(args, OPTIONS);
    DataSet set = DataSet.of(options, "target/bench-trace-lookup", NOTE, "lookup", (n, order) -> order);
    int lookups = options.integer("lookups", 2000);
    int warmUp = options.integer("warmup", 200);
    int missing = options.integer("missing", 200);
    int direct = options.integer("direct", 500);
    long seed = options.longValue("seed", 1);
    onDataSet(set, (port, client, names, now, description) -> {
      TraceLookupBenchmark benchmark = new TraceLookupBenchmark(set.histories(names, now), set.orders(), seed);
      benchmark.run(port, new Searches(client, JsonMapper.builder().build()), names, warmUp, lookups, missing,
          direct, description, set.heapMb());
    });
    System.exit(0);
  }

  /**
   * A data set of {@code orders} orders over {@code days} (each order's documents as {@code decorator} makes them),
   * in {@code dir}, noted as {@code noteName} when kept ({@code keep}), under an index prefix starting with
   * {@code prefixStart}; the node's heap.
   */
  record DataSet(Path dir, String noteName, String prefixStart, int orders, int days, boolean keep, int heapMb,
      OrderDataSet.Decorator decorator) {

    /**
     * The data set the options {@code events} (10000000, rounded up to whole orders), {@code days} (10), {@code
     * esHeapMb} (1024), {@code dir} ({@code defaultDir}) and {@code keep} (false) describe.
     */
    static DataSet of(Options options, String defaultDir, String noteName, String prefixStart,
        OrderDataSet.Decorator decorator) {
      long events = options.longValue("events", 10_000_000);
      return new DataSet(Path.of(options.string("dir", defaultDir)).toAbsolutePath().normalize(), noteName,
          prefixStart, Math.toIntExact((events + OrderHistories.EVENTS_PER_ORDER - 1) / OrderHistories.EVENTS_PER_ORDER),
          options.integer("days", 10), options.flag("keep"), options.integer("esHeapMb", 1024), decorator);
    }

    /** Its orders as the tracker's mappers make them (undecorated), for the given indices and time of loading. */
    OrderHistories histories(IndexNames names, Instant now) {
      return OrderDataSet.histories(names, now, orders, Duration.ofDays(days));
    }
  }

  /** What a benchmark measures once the data set is there and the tracker runs on it. */
  interface Measurement {
    void run(int port, RestClient client, IndexNames names, Instant now, String dataSetDescription) throws Exception;
  }

  /**
   * Starts a local broker and node in the data set's directory, loads the data set (or reuses a kept one that
   * matches), checks its counts, starts the tracker on it and runs the measurement; then stops all and deletes the
   * data set unless kept.
   */
  static void onDataSet(DataSet set, Measurement measurement) throws Exception {
    Path dir = set.dir();
    long events = (long) set.orders() * OrderHistories.EVENTS_PER_ORDER;
    Properties note = set.keep() ? readNote(dir, set.noteName()) : null;
    boolean reuse = note != null && note.getProperty("orders").equals(Integer.toString(set.orders()))
        && note.getProperty("days").equals(Integer.toString(set.days()));
    System.out.printf("data directory %s; %s; its files are %s after the run%n", dir,
        reuse ? "reusing the data set loaded there on " + note.getProperty("loadedAt")
            : "loading a new data set (files of an earlier run there are deleted first)",
        set.keep() ? "kept" : "deleted");
    if (!reuse) {
      deleteData(dir, set.noteName());
    }
    Files.createDirectories(dir);
    long free = Files.getFileStore(dir).getUsableSpace();
    System.out.printf("free disk space there: %.1f GB%n", free / 1e9);
    if (!reuse && free < events * BYTES_PER_EVENT_NEEDED) {
      throw new IllegalStateException(String.format("%,d events need about %.1f GB free in %s (about %d bytes each, "
          + "with room for merges), but %.1f GB are free", events, events * BYTES_PER_EVENT_NEEDED / 1e9, dir,
          BYTES_PER_EVENT_NEEDED, free / 1e9));
    }
    LocalInfrastructure local = LocalInfrastructure.start(dir, SharedInfrastructure.freePortPair(),
        SharedInfrastructure.freePort(), set.heapMb(), System.out);
    Path stateDir = dir.resolve("streams");
    try (RestClient client = RestClient.builder(HttpHost.create(local.elasticsearchUri())).build()) {
      if (!Files.isDirectory(dir.resolve("elasticsearch"))) {
        System.out.println("WARNING: Elasticsearch keeps its files outside " + dir + " (see above); they are not "
            + "deleted by this benchmark");
      }
      if (!reuse) {
        note = load(client, dir, set.noteName(), set.prefixStart(), set.orders(), set.days(),
            Duration.ofDays(set.days()), set.keep(), set.decorator());
      }
      IndexNames names = new IndexNames(note.getProperty("prefix"));
      Instant now = Instant.parse(note.getProperty("now"));
      String dataSet = describeDataSet(client, names, note, dir);
      Directories.deleteRecursively(stateDir);
      Files.createDirectories(stateDir);
      ConfigurableApplicationContext tracker = PageLoadBenchmark.startTracker(local.elasticsearchUri(),
          local.kafkaBootstrapServers(), names.prefix(), stateDir);
      try {
        int port = Integer.parseInt(tracker.getEnvironment().getProperty("local.server.port"));
        measurement.run(port, client, names, now, dataSet);
      } finally {
        tracker.close();
      }
    } finally {
      local.close();
      if (!set.keep()) {
        deleteData(dir, set.noteName());
      }
    }
  }

  /**
   * Loads a new data set of {@code orders} (each as {@code decorator} makes it) under a new index prefix starting
   * with {@code prefixStart}; returns what the note {@code noteName} in {@code dir} says about it (written only when
   * kept). For the benchmarks on this data set.
   */
  static Properties load(RestClient client, Path dir, String noteName, String prefixStart, int orders, int days,
      Duration window, boolean keep, OrderDataSet.Decorator decorator) throws Exception {
    String prefix = prefixStart + Long.toString(System.currentTimeMillis(), 36);
    Instant now = Instant.now();
    OrderDataSet.Loaded loaded = OrderDataSet.load(client, new IndexNames(prefix), now, orders, window, decorator);
    Properties note = new Properties();
    note.setProperty("prefix", prefix);
    note.setProperty("now", now.toString());
    note.setProperty("orders", Integer.toString(orders));
    note.setProperty("days", Integer.toString(days));
    note.setProperty("events", Long.toString(loaded.events()));
    note.setProperty("instances", Long.toString(loaded.instances()));
    note.setProperty("incidents", Long.toString(loaded.incidents()));
    note.setProperty("loadedAt", Instant.now().toString());
    note.setProperty("loadSeconds", String.format("%.0f", loaded.seconds()));
    note.setProperty("loadRate", String.format("%.0f", loaded.documents() / loaded.seconds()));
    note.setProperty("eventDocumentBytes", Long.toString(loaded.eventDocumentBytes()));
    note.setProperty("payloadBytes", Long.toString(loaded.payloadBytes()));
    if (keep) {
      try (OutputStream out = Files.newOutputStream(dir.resolve(noteName))) {
        note.store(out, "data set of a benchmark on OrderDataSet, complete and refreshed");
      }
    }
    return note;
  }

  /** The note {@code noteName} of a kept data set in {@code dir}, or null when there is none. */
  static Properties readNote(Path dir, String noteName) throws IOException {
    Path file = dir.resolve(noteName);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Properties note = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      note.load(in);
    }
    return note;
  }

  /** Deletes only what this benchmark puts in {@code dir} (never {@code dir} itself or anything else in it). */
  static void deleteData(Path dir, String noteName) throws IOException {
    Files.deleteIfExists(dir.resolve(noteName));
    for (String sub : List.of("kafka", "elasticsearch", "streams")) {
      Directories.deleteRecursively(dir.resolve(sub));
    }
  }

  /** Checks the counts against what was loaded; returns a description of the indices: counts, size on disk. */
  static String describeDataSet(RestClient client, IndexNames names, Properties note, Path dir)
      throws IOException, InterruptedException {
    // a reused data set: the node recovers its shards (replaying their translogs) before it can count them
    long start = System.nanoTime();
    Request health = new Request("GET", "/_cluster/health/" + names.prefix() + "-*");
    health.addParameter("wait_for_status", "green");
    health.addParameter("timeout", "10m");
    String status = EntityUtils.toString(client.performRequest(health).getEntity());
    if (!status.contains("\"status\":\"green\"")) {
      throw new IllegalStateException("the data set's indices are not green after 10 minutes: " + status);
    }
    System.out.printf("indices green after %.0f s%n", (System.nanoTime() - start) / 1e9);
    long events = OrderDataSet.count(client, names.eventsPattern());
    long instances = OrderDataSet.count(client, names.instancesIndex());
    long incidents = OrderDataSet.count(client, names.incidentsIndex());
    for (String[] check : List.of(new String[] {"events", Long.toString(events)},
        new String[] {"instances", Long.toString(instances)}, new String[] {"incidents", Long.toString(incidents)})) {
      if (!note.getProperty(check[0]).equals(check[1])) {
        throw new IllegalStateException("_count of " + check[0] + " is " + check[1] + ", but "
            + note.getProperty(check[0]) + " were loaded");
      }
    }
    awaitNoMerges(client, names);
    JsonMapper json = JsonMapper.builder().build();
    JsonNode indices = json.readTree(EntityUtils.toString(client.performRequest(new Request("GET",
        "/_cat/indices/" + names.prefix() + "-*?format=json&bytes=b&h=index,docs.count,store.size&s=index"))
        .getEntity()));
    long storeBytes = 0;
    int eventIndices = 0;
    System.out.println("| index | documents (_count) | store size MB |");
    System.out.println("|---|---:|---:|");
    for (JsonNode index : indices) {
      String name = index.path("index").asString();
      long bytes = Long.parseLong(index.path("store.size").asString());
      storeBytes += bytes;
      if (name.startsWith(names.prefix() + "-events-")) {
        eventIndices++;
      }
      System.out.printf("| %s | %,d | %.1f |%n", name, OrderDataSet.count(client, name), bytes / 1e6);
    }
    JsonNode segments = json.readTree(EntityUtils.toString(client.performRequest(new Request("GET",
        "/" + names.eventsPattern() + "/_stats/segments?filter_path=_all.primaries.segments.count")).getEntity()));
    long dataBytes = size(dir.resolve("elasticsearch").resolve("data"));
    String description = String.format("events (by _count) %,d in %d daily indices (%d segments), instances %,d, "
        + "incidents %,d; %,d documents in %d indices, store size %.2f GB (node's data directory %.2f GB); loaded "
        + "by _bulk at %s in %s s, %s docs/s (event documents average %s bytes, payloads %s bytes)", events,
        eventIndices,
        segments.path("_all").path("primaries").path("segments").path("count").asInt(), instances, incidents,
        events + instances + incidents, indices.size(), storeBytes / 1e9, dataBytes / 1e9,
        note.getProperty("loadedAt"), note.getProperty("loadSeconds"), note.getProperty("loadRate"),
        note.getProperty("eventDocumentBytes"), note.getProperty("payloadBytes"));
    System.out.println(description);
    return description;
  }

  /** Bytes in the files below {@code dir}, 0 if it does not exist. */
  static long size(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  /** Waits (at most 10 minutes) until Elasticsearch merges no segments of the data set any more. */
  private static void awaitNoMerges(RestClient client, IndexNames names) throws IOException, InterruptedException {
    JsonMapper json = JsonMapper.builder().build();
    long start = System.nanoTime();
    while (System.nanoTime() - start < 600e9) {
      JsonNode merges = json.readTree(EntityUtils.toString(client.performRequest(new Request("GET", "/"
          + names.prefix() + "-*/_stats/merge?filter_path=_all.total.merges.current")).getEntity()));
      if (merges.path("_all").path("total").path("merges").path("current").asInt() == 0) {
        System.out.printf("no merges running (waited %.0f s)%n", (System.nanoTime() - start) / 1e9);
        return;
      }
      Thread.sleep(2_000);
    }
    System.out.println("WARNING: merges still running after 10 minutes; measuring anyway");
  }

  private void run(int port, Searches searches, IndexNames names, int warmUp, int lookups, int missing, int direct,
      String dataSet, int heapMb) throws Exception {
    System.out.printf("warm-up: %,d lookups ...%n", warmUp);
    for (int i = 0; i < warmUp; i++) {
      lookUpExisting(port);
    }
    System.out.printf("measuring %,d lookups of existing traces ...%n", lookups);
    List<Double> found = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < lookups; i++) {
      found.add(lookUpExisting(port));
    }
    double foundSeconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("measuring %,d lookups of trace ids that do not exist ...%n", missing);
    List<Double> notFound = new ArrayList<>();
    for (int i = 0; i < missing; i++) {
      notFound.add(lookUpMissing(port));
    }
    System.out.printf("measuring %,d events searches straight to Elasticsearch ...%n", direct);
    List<Double> took = new ArrayList<>();
    List<Double> roundTrip = new ArrayList<>();
    for (int i = 0; i < direct; i++) {
      OrderHistories.Order order = expected.order(random.nextInt(orders));
      long t = System.nanoTime();
      JsonNode answer = searches.search(names.eventsPattern(), TraceQueries.eventsSearch(order.traceId()));
      roundTrip.add((System.nanoTime() - t) / 1e6);
      if (answer.path("hits").path("hits").size() != order.events().size()) {
        throw new IllegalStateException("events search for " + order.traceId() + " found "
            + answer.path("hits").path("hits").size() + " events instead of " + order.events().size());
      }
      took.add(answer.path("took").asDouble());
    }

    System.out.println();
    System.out.println("machine: " + Machine.describe() + "; Elasticsearch heap " + heapMb + " MB");
    System.out.println("data set: " + dataSet);
    System.out.printf("%,d existing traces looked up in %.1f s (%.0f lookups/s, one client, sequential), each answer "
        + "checked: %d events of the right types and times in time order, 1 instance, its incidents%n", lookups,
        foundSeconds, lookups / foundSeconds, OrderHistories.EVENTS_PER_ORDER);
    System.out.println();
    System.out.println("| request | n | p50 ms | p90 ms | p99 ms | max ms |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    System.out.println(row("`GET /api/traces/{id}`, existing trace (200, 10 events)", found));
    System.out.println(row("`GET /api/traces/{id}`, unknown id (404)", notFound));
    System.out.println(row("events search straight to Elasticsearch, client round trip", roundTrip));
    System.out.println(row("events search straight to Elasticsearch, `took`", took));
  }

  /** One timed lookup of a random existing trace; fails unless the answer holds exactly that trace. */
  private double lookUpExisting(int port) throws IOException, InterruptedException {
    OrderHistories.Order order = expected.order(random.nextInt(orders));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/traces/"
        + order.traceId())).build();
    long start = System.nanoTime();
    HttpResponse<byte[]> response = http.send(request, BodyHandlers.ofByteArray());
    double ms = (System.nanoTime() - start) / 1e6;
    if (response.statusCode() != 200) {
      throw new IllegalStateException("trace " + order.traceId() + " answered " + response.statusCode() + ": "
          + new String(response.body()));
    }
    check(order, json.readTree(response.body()));
    return ms;
  }

  private void check(OrderHistories.Order order, JsonNode answer) {
    List<String> want = new ArrayList<>();
    for (IndexDocument doc : order.events()) {
      JsonNode source = json.readTree(doc.json());
      want.add(timeAndType(source));
    }
    want.sort(null);
    List<String> got = new ArrayList<>();
    long previous = Long.MIN_VALUE;
    for (JsonNode event : answer.path("events")) {
      if (!order.traceId().equals(event.path("traceId").asString())) {
        throw new IllegalStateException("trace " + order.traceId() + " answered an event of " + event.path("traceId"));
      }
      long time = Instant.parse(event.path("time").asString()).toEpochMilli();
      if (time < previous) {
        throw new IllegalStateException("trace " + order.traceId() + ": events not in time order: " + answer);
      }
      previous = time;
      got.add(timeAndType(event));
    }
    got.sort(null);
    int instances = answer.path("instances").size();
    int incidents = answer.path("incidents").size();
    if (!got.equals(want) || instances != 1 || incidents != order.incidents().size()) {
      throw new IllegalStateException("trace " + order.traceId() + " answered " + got.size() + " events " + got
          + ", " + instances + " instances, " + incidents + " incidents; expected " + want.size() + " events " + want
          + ", 1 instance, " + order.incidents().size() + " incidents");
    }
  }

  /** Epoch millis (zero-padded, so that the strings sort by time) and type of an event document. */
  private static String timeAndType(JsonNode event) {
    return String.format("%015d %s", Instant.parse(event.path("time").asString()).toEpochMilli(),
        event.path("type").asString());
  }

  /** One timed lookup of a random trace id that is not in the data set; fails unless the answer is 404. */
  private double lookUpMissing(int port) throws IOException, InterruptedException {
    byte[] id = new byte[16];
    random.nextBytes(id);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/traces/"
        + HexFormat.of().formatHex(id))).build();
    long start = System.nanoTime();
    HttpResponse<byte[]> response = http.send(request, BodyHandlers.ofByteArray());
    double ms = (System.nanoTime() - start) / 1e6;
    if (response.statusCode() != 404) {
      throw new IllegalStateException("unknown trace id " + HexFormat.of().formatHex(id) + " answered "
          + response.statusCode() + ": " + new String(response.body()));
    }
    return ms;
  }

  static String row(String name, List<Double> values) {
    Percentiles p = new Percentiles(values);
    return String.format("| %s | %,d | %.1f | %.1f | %.1f | %.1f |", name, p.count(), p.at(50), p.at(90), p.at(99),
        p.max());
  }
}
