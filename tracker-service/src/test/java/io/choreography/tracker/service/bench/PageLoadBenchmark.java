package io.choreography.tracker.service.bench;

import io.choreography.tracker.service.TrackerApplication;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import io.choreography.tracker.service.it.SharedInfrastructure;
import io.choreography.tracker.service.local.Directories;
import io.choreography.tracker.service.local.LocalInfrastructure;
import java.io.IOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpHost;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Not a test: how long each page of the web UI takes to load with 1,000,000 events indexed.
 *
 * <p>It starts a local Kafka broker and Elasticsearch node (as the integration tests do, in {@code
 * target/bench-infrastructure}), or uses running ones ({@code --elasticsearch=URI --kafka=host:port}); bulk-loads
 * under a fresh index prefix 1,000,000 order-fulfillment event documents over the last 24 hours (100,000 orders of ten
 * events from the four demo services, payloads of about 500 bytes, documents made by the tracker's own extractor and
 * event mapper), the 100,000 instance documents and about 5,000 incident documents (made by the tracker's own
 * document mappers from the agreed topic formats); starts the tracker in this JVM on that data (demo off, security
 * off, tracking on but reading no topic); and loads each page in headless Chromium, 2 warm-up loads then 10 measured
 * ones, each a fresh navigation, from navigation start until the view's content is rendered. It prints min, median,
 * p95 and max per page and per API call the page made.
 *
 * <p>Run, from the repository root (about 5-10 minutes on 2 cores):
 *
 * <pre>
 * ./mvnw -B -ntp -Pbenchmarks -pl tracker-service -am verify -DskipTests -Dbenchmark=PageLoadBenchmark \
 *     [-Dbenchmark.args="events=1000000 elasticsearch=URI kafka=host:port"]
 * </pre>
 *
 * <p>Result (2026-11-22, AMD EPYC, 2 cores, 24 GiB, OpenJDK 17.0.15, Chromium 156, shared machine; second of two
 * runs; median / p95 ms from navigation start to content rendered): overview 157 / 199, process view 119 / 153, trace
 * view 136 / 176; the incidents inbox was not measured, its {@code GET /api/incidents} not being in this build. Both
 * runs and the API calls: docs/performance.md, "Web UI page loads".
 */
public final class PageLoadBenchmark {

  private static final int WARM_UP = 2;
  private static final int MEASURED = 10;

  public static void main(String[] args) throws Exception {
    Options options = new Options(args);
    int events = options.integer("events", 1_000_000);
    LocalInfrastructure local = null;
    String elasticsearch = options.string("elasticsearch", null);
    String kafka = options.string("kafka", null);
    if (elasticsearch == null || kafka == null) {
      Path dir = Path.of("target", "bench-infrastructure").toAbsolutePath();
      Directories.deleteRecursively(dir.resolve("kafka"));
      Directories.deleteRecursively(dir.resolve("elasticsearch"));
      local = LocalInfrastructure.start(dir, SharedInfrastructure.freePortPair(), SharedInfrastructure.freePort(), 512, System.out);
      elasticsearch = local.elasticsearchUri();
      kafka = local.kafkaBootstrapServers();
    }
    String prefix = "bench" + Long.toString(System.currentTimeMillis(), 36);
    Path stateDir = Files.createDirectories(Path.of("target", "bench-infrastructure", prefix + "-streams")
        .toAbsolutePath());
    try (RestClient client = RestClient.builder(HttpHost.create(elasticsearch)).build()) {
      String traceId = load(client, new IndexNames(prefix), events / OrderHistories.EVENTS_PER_ORDER);
      ConfigurableApplicationContext tracker = startTracker(elasticsearch, kafka, prefix, stateDir);
      try {
        int port = Integer.parseInt(tracker.getEnvironment().getProperty("local.server.port"));
        measure(port, traceId);
      } finally {
        tracker.close();
      }
    } finally {
      Directories.deleteRecursively(stateDir);
      if (local != null) {
        local.close();
      }
    }
    System.exit(0);
  }

  /** Loads the data set; returns the trace id of a completed order to open in the trace view. */
  private static String load(RestClient client, IndexNames names, int orders) throws Exception {
    OrderDataSet.Loaded loaded = OrderDataSet.load(client, names, Instant.now(), orders, Duration.ofHours(24));
    for (String index : List.of(names.eventsPattern(), names.instancesIndex(), names.incidentsIndex())) {
      System.out.printf("  %s: %d%n", index, OrderDataSet.count(client, index));
    }
    System.out.println(EntityUtils.toString(client.performRequest(new Request("GET",
        "/_cat/indices/" + names.prefix() + "-*?v&h=index,docs.count,store.size&s=index")).getEntity()));
    return loaded.middleTraceId();
  }

  /** The tracker in this JVM on the data set under {@code prefix}: demo and security off, reading no topic. */
  static ConfigurableApplicationContext startTracker(String elasticsearch, String kafka, String prefix,
      Path stateDir) throws IOException {
    System.out.println("starting the tracker ...");
    return new SpringApplication(TrackerApplication.class).run(
        "--server.port=" + SharedInfrastructure.freePort(),
        "--spring.kafka.bootstrap-servers=" + kafka,
        "--tracker.elasticsearch.uris=" + elasticsearch,
        "--tracker.elasticsearch.index-prefix=" + prefix,
        "--tracker.demo=false",
        "--tracker.local=false",
        "--tracker.security.enabled=false",
        // tracking and indexing run, on topics that stay empty: the benchmark's documents are all there is
        "--tracker.topics=^" + prefix + "-no-topic$",
        "--tracker.tracking.application-id=" + prefix + "-tracking",
        "--tracker.tracking.state-dir=" + stateDir,
        "--tracker.tracking.instances-topic=" + prefix + ".instances",
        "--tracker.tracking.incidents-topic=" + prefix + ".incidents",
        "--tracker.ingest.group-id=" + prefix + "-indexer",
        "--tracker.ingest.dead-letter-topic=" + prefix + ".dead-letter",
        "--tracker.indexing.group-id=" + prefix + "-state-indexer",
        "--tracker.alerts.group-id=" + prefix + "-alerts",
        "--logging.level.root=WARN");
  }

  private static void measure(int port, String traceId) throws IOException {
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("overview", "/");
    pages.put("process view", "/processes/" + OrderHistories.PROCESS);
    pages.put("trace view", "/traces/" + traceId);
    pages.put("incidents inbox", "/incidents");
    List<String> pageRows = new ArrayList<>();
    List<String> apiRows = new ArrayList<>();
    String browser;
    try (PageTimer timer = new PageTimer(port)) {
      browser = timer.browserVersion();
      for (Map.Entry<String, String> page : pages.entrySet()) {
        String missing = missingApi(port, page.getValue());
        if (missing != null) {
          pageRows.add("| " + page.getKey() + " `" + page.getValue() + "` | not measured: " + missing + " | | | |");
          System.out.println(pageRows.get(pageRows.size() - 1));
          continue;
        }
        for (int i = 0; i < WARM_UP; i++) {
          timer.load(page.getValue());
        }
        List<PageTimer.Load> loads = new ArrayList<>();
        List<Double> rendered = new ArrayList<>();
        for (int i = 0; i < MEASURED; i++) {
          PageTimer.Load load = timer.load(page.getValue());
          loads.add(load);
          rendered.add(load.renderedMs());
        }
        pageRows.add(row(page.getKey() + " `" + shorten(page.getValue()) + "`", rendered));
        for (Map.Entry<String, List<Double>> api : PageTimer.apiDurations(loads).entrySet()) {
          apiRows.add(row(page.getKey() + ": `GET " + shorten(api.getKey()) + "`", api.getValue()));
        }
        System.out.println(pageRows.get(pageRows.size() - 1));
      }
    }
    System.out.println();
    System.out.println("machine: " + Machine.describe() + "; " + browser);
    System.out.println();
    System.out.println("| page (navigation start to content rendered) | min ms | median ms | p95 ms | max ms |");
    System.out.println("|---|---:|---:|---:|---:|");
    pageRows.forEach(System.out::println);
    System.out.println();
    System.out.println("| API call made by the page (Resource Timing) | min ms | median ms | p95 ms | max ms |");
    System.out.println("|---|---:|---:|---:|---:|");
    apiRows.forEach(System.out::println);
  }

  /** Why a page cannot render in this build (the API call it needs answers 404), or null. */
  private static String missingApi(int port, String page) throws IOException {
    if (!page.startsWith("/incidents")) {
      return null;
    }
    try {
      HttpResponse<Void> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + port + "/api/incidents?size=1")).build(), BodyHandlers.discarding());
      return answer.statusCode() == 404 ? "GET /api/incidents answers 404 in this build" : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static String shorten(String path) {
    return path.replaceAll("[0-9a-f]{32}", "{traceId}");
  }

  private static String row(String name, List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return String.format("| %s | %.0f | %.0f | %.0f | %.0f |", name, sorted.get(0), median(sorted),
        sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1), sorted.get(sorted.size() - 1));
  }

  private static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

}
