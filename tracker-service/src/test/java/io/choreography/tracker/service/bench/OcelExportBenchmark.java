package io.choreography.tracker.service.bench;

import io.choreography.tracker.service.elasticsearch.IndexNames;
import io.choreography.tracker.service.it.SharedInfrastructure;
import io.choreography.tracker.service.local.Directories;
import io.choreography.tracker.service.local.LocalInfrastructure;
import io.choreography.tracker.service.ocel.OcelExport;
import io.choreography.tracker.service.ocel.OcelQuery;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a test: the heap an OCEL export of {@code events} indexed events takes, the export's own path (as the
 * {@code export-ocel} command runs it) and then through the HTTP API of a tracker started in this JVM.
 *
 * <p>It starts a local Kafka broker and Elasticsearch node in {@code dir}, bulk-loads {@code events / 10}
 * order-fulfillment orders of ten events each with their instances and incidents ({@link OrderDataSet}, straight by
 * {@code _bulk}, spread over the 24 h before now), then exports every event of the process to a file, sampling the
 * used heap every 20 ms, with the peak usage of every heap pool reset before; heap used after a full GC before and
 * after; GC counts and times. The file is read back with a streaming parser and its events and objects counted
 * against what was loaded. Then the same through {@code GET /api/export/ocel}, the body read and discarded as it
 * arrives.
 *
 * <pre>
 * ./mvnw -B -ntp -Pbenchmarks -pl tracker-service -am verify -DskipTests -Dbenchmark=OcelExportBenchmark \
 *     -Dbenchmark.heap=256m -Dbenchmark.args="events=1000000"
 * </pre>
 *
 * <p>Options: {@code events} (1000000), {@code esHeapMb} (1024), {@code dir} ({@code target/bench-ocel-export}),
 * {@code api} (true: also through the HTTP API). The broker's and the node's files in {@code dir} are deleted before
 * and after. Figures: docs/process-intelligence.md, "Cost".
 */
public final class OcelExportBenchmark {

  private static final Set<String> OPTIONS = Set.of("events", "esHeapMb", "dir", "api");

  private OcelExportBenchmark() {}

  public static void main(String[] args) throws Exception {
    Machine.quietLogging();
    Options options = new Options(args, OPTIONS);
    long events = options.longValue("events", 1_000_000);
    int orders = Math.toIntExact((events + OrderHistories.EVENTS_PER_ORDER - 1) / OrderHistories.EVENTS_PER_ORDER);
    int heapMb = options.integer("esHeapMb", 1024);
    boolean api = !"false".equals(options.string("api", "true"));
    Path dir = Path.of(options.string("dir", "target/bench-ocel-export")).toAbsolutePath().normalize();
    for (String sub : List.of("kafka", "elasticsearch", "streams")) {
      Directories.deleteRecursively(dir.resolve(sub));
    }
    Files.createDirectories(dir);
    LocalInfrastructure local = LocalInfrastructure.start(dir, SharedInfrastructure.freePortPair(),
        SharedInfrastructure.freePort(), heapMb, System.out);
    try (RestClient client = RestClient.builder(HttpHost.create(local.elasticsearchUri())).build()) {
      IndexNames names = new IndexNames("ocelbench" + Long.toString(System.currentTimeMillis(), 36));
      Instant now = Instant.now();
      OrderDataSet.Loaded loaded = OrderDataSet.load(client, names, now, orders, Duration.ofHours(24));
      OcelQuery query = new OcelQuery(OrderHistories.PROCESS, now.minus(Duration.ofDays(2)),
          now.plus(Duration.ofDays(1)));
      Path file = dir.resolve("export.json");
      System.out.printf("%nmachine: %s; this JVM's max heap %d MB%n", Machine.describe(),
          Runtime.getRuntime().maxMemory() >> 20);
      System.out.printf("loaded %,d events, %,d instances, %,d incidents%n", loaded.events(), loaded.instances(),
          loaded.incidents());

      Heap heap = Heap.start();
      long start = System.nanoTime();
      OcelExport.Summary summary;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 256 * 1024)) {
        summary = new OcelExport(client, JsonMapper.builder().build(), names).write(query, out, progress());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      heap.stop();
      long[] counted = count(Files.newInputStream(file));
      System.out.printf("%nexport to a file: %,d events and %,d objects (read back: %,d and %,d) in %.1f s, "
          + "%,.0f events/s, %,d bytes%n", summary.events(), summary.objects(), counted[0], counted[1], seconds,
          summary.events() / seconds, Files.size(file));
      heap.print();
      if (counted[0] != loaded.events() || counted[1] != loaded.instances()) {
        throw new IllegalStateException("the log holds " + counted[0] + " events and " + counted[1]
            + " objects, but " + loaded.events() + " events of " + loaded.instances() + " instances were loaded");
      }
      Files.delete(file);
      if (api) {
        viaApi(local, names, query, loaded);
      }
    } finally {
      local.close();
      for (String sub : List.of("kafka", "elasticsearch", "streams")) {
        Directories.deleteRecursively(dir.resolve(sub));
      }
    }
    System.exit(0);
  }

  private static void viaApi(LocalInfrastructure local, IndexNames names, OcelQuery query, OrderDataSet.Loaded loaded)
      throws Exception {
    Path stateDir = Files.createTempDirectory("ocel-bench-streams");
    ConfigurableApplicationContext tracker = PageLoadBenchmark.startTracker(local.elasticsearchUri(),
        local.kafkaBootstrapServers(), names.prefix(), stateDir);
    try {
      int port = Integer.parseInt(tracker.getEnvironment().getProperty("local.server.port"));
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI uri = URI.create("http://localhost:" + port + "/api/export/ocel?process=" + query.process() + "&from="
          + query.from() + "&to=" + query.to());
      Heap heap = Heap.start();
      long start = System.nanoTime();
      HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      CountingStream body = new CountingStream(response.body());
      long[] counted = count(body);
      double seconds = (System.nanoTime() - start) / 1e9;
      heap.stop();
      System.out.printf("%nexport through GET /api/export/ocel (status %d): %,d events and %,d objects read in "
          + "%.1f s, %,.0f events/s, %,d bytes; heap of this JVM (tracker and client)%n", response.statusCode(),
          counted[0], counted[1], seconds, counted[0] / seconds, body.bytes);
      heap.print();
      if (counted[0] != loaded.events() || counted[1] != loaded.instances()) {
        throw new IllegalStateException("the API's log holds " + counted[0] + " events and " + counted[1]
            + " objects");
      }
    } finally {
      tracker.close();
      Directories.deleteRecursively(stateDir);
    }
  }

  private static OcelExport.Progress progress() {
    return new OcelExport.Progress() {
      long last;

      @Override
      public void events(long written, long total) {
        if (System.nanoTime() - last > 10_000_000_000L || written == total) {
          last = System.nanoTime();
          System.out.printf("  %,d of %,d events written%n", written, total);
        }
      }
    };
  }

  /** Events and objects in a log, counted with a streaming parser (the log is never held). */
  private static long[] count(InputStream in) throws IOException {
    long events = 0;
    long objects = 0;
    try (JsonParser p = new JsonFactory().createParser(ObjectReadContext.empty(), in)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("events") || name.equals("objects")) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            p.skipChildren();
            if (name.equals("events")) {
              events++;
            } else {
              objects++;
            }
          }
        } else {
          p.skipChildren();
        }
      }
    }
    return new long[] {events, objects};
  }

  /** Heap figures of one phase: after a full GC before and after, sampled peak, pool peaks, GC work. */
  private static final class Heap {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong sampledPeak = new AtomicLong();
    /** The most heap in use right after a collection: what the export kept alive, garbage aside. */
    private final AtomicLong afterGcPeak = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final List<NotificationEmitter> emitters = new java.util.ArrayList<>();
    private final NotificationListener listener = (notification, handback) -> {
      if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
        GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
        long used = info.getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
        afterGcPeak.accumulateAndGet(used, Math::max);
        collections.incrementAndGet();
      }
    };
    private long before;
    private long after;
    private long gcCount;
    private long gcMillis;
    private volatile boolean running = true;
    private Thread sampler;

    static Heap start() {
      Heap h = new Heap();
      System.gc();
      h.before = h.memory.getHeapMemoryUsage().getUsed();
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          pool.resetPeakUsage();
        }
      }
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter emitter) {
          emitter.addNotificationListener(h.listener, null, null);
          h.emitters.add(emitter);
        }
      }
      h.gcCount = -gcCount();
      h.gcMillis = -gcMillis();
      h.sampler = new Thread(() -> {
        while (h.running) {
          h.sampledPeak.accumulateAndGet(h.memory.getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-sampler");
      h.sampler.setDaemon(true);
      h.sampler.start();
      return h;
    }

    void stop() throws InterruptedException {
      running = false;
      sampler.join();
      gcCount += gcCount();
      gcMillis += gcMillis();
      for (NotificationEmitter emitter : emitters) {
        try {
          emitter.removeNotificationListener(listener);
        } catch (javax.management.ListenerNotFoundException e) {
          // not added
        }
      }
      System.gc();
      after = memory.getHeapMemoryUsage().getUsed();
    }

    void print() {
      long poolPeaks = 0;
      StringBuilder pools = new StringBuilder();
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          poolPeaks += pool.getPeakUsage().getUsed();
          pools.append(String.format("%s %.1f MB; ", pool.getName(), pool.getPeakUsage().getUsed() / 1e6));
        }
      }
      System.out.printf("| heap after full GC, before | %.1f MB |%n| heap used, sampled peak (every 20 ms) | %.1f MB |"
          + "%n| heap pools' peaks, summed | %.1f MB (%s) |%n| heap in use right after a GC, peak | %.1f MB (%d GCs) |%n"
          + "| heap after full GC, after | %.1f MB |%n| GCs during the export | %d, %d ms |%n", before / 1e6,
          sampledPeak.get() / 1e6, poolPeaks / 1e6, pools.toString().trim(), afterGcPeak.get() / 1e6,
          collections.get(), after / 1e6, gcCount, gcMillis);
    }

    private static long gcCount() {
      return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount)
          .sum();
    }

    private static long gcMillis() {
      return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
          .sum();
    }
  }

  /** Counts the bytes read through it. */
  private static final class CountingStream extends java.io.FilterInputStream {
    long bytes;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        bytes++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        bytes += n;
      }
      return n;
    }
  }
}
