package io.choreography.tracker.service.bench;

import io.choreography.tracker.service.it.SharedInfrastructure;
import io.choreography.tracker.service.local.Directories;
import io.choreography.tracker.service.local.LocalInfrastructure;
import io.choreography.tracker.service.tracking.TrackerProcess;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the tracker costs when there is little to do, not a test: the packaged tracker (a child process) with the
 * order-fulfillment demo running inside it, as README's first command runs it, against a local broker and node.
 * After a warm-up, the CPU time of the tracker process over a measured window, as a share of one core; first with
 * the demo's simulated services at {@code orders-per-second} (their CPU included: they run in the same process),
 * then, in a second tracker on fresh topics, with no input at all.
 *
 * <pre>
 * ./mvnw -B -ntp -Pbenchmarks -pl tracker-service -am verify -DskipTests -Dbenchmark=IdleCostBenchmark \
 *     -Dbenchmark.args="seconds=60"
 * </pre>
 *
 * Options: {@code seconds=60} (measured window), {@code warmup=180} (seconds after health UP before it: start-up
 * compilation is not what a tracker that runs for days costs), {@code
 * orders-per-second=2}, {@code dir=target/bench-idle}, {@code runs=demo,quiet} (which of the two), {@code
 * set=name=value;name=value} (tracker properties for both, e.g. {@code
 * set=tracker.tracking.streams.commit.interval.ms=250}), {@code jvm=-Xmx512m} (the tracker's JVM options, separated
 * by ';'). Besides the share of one core, it prints the share without the JIT compiler threads: what a tracker that
 * has run long enough for compilation to end costs, measured in the same window.
 */
public final class IdleCostBenchmark {

  public static void main(String[] args) throws Exception {
    Options options = new Options(args);
    int seconds = options.integer("seconds", 60);
    int warmup = options.integer("warmup", 180);
    String rate = options.string("orders-per-second", "2");
    Path dir = Path.of(options.string("dir", "target/bench-idle")).toAbsolutePath();
    List<String> runs = List.of(options.string("runs", "demo,quiet").split(","));
    Map<String, String> set = new LinkedHashMap<>();
    for (String pair : options.string("set", "").split(";")) {
      if (!pair.isBlank()) {
        int eq = pair.indexOf('=');
        if (eq < 1) {
          throw new IllegalArgumentException("set= takes name=value pairs separated by ';', but had '" + pair + "'");
        }
        set.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
    }
    List<String> jvm = List.of(options.string("jvm", "-Xmx512m").split(";"));
    Directories.deleteRecursively(dir);
    Machine.quietLogging();
    System.out.println("machine: " + Machine.describe());
    LocalInfrastructure local = LocalInfrastructure.start(dir.resolve("infrastructure"),
        SharedInfrastructure.freePortPair(), SharedInfrastructure.freePort(), 512, System.out);
    try {
      Map<String, String> demoSettings = new LinkedHashMap<>(set);
      demoSettings.put("tracker.demo", "true");
      demoSettings.put("tracker.demo-mode.orders-per-second", rate);
      double[] demo = runs.contains("demo") ? measure(local, dir, "demo", jvm, demoSettings, warmup, seconds) : NONE;
      // topics nobody writes: the demo's topics of the first run are not read again
      Map<String, String> quietSettings = new LinkedHashMap<>(set);
      quietSettings.put("tracker.topics", "^idle-nothing\\..*");
      double[] quiet = runs.contains("quiet") ? measure(local, dir, "quiet", jvm, quietSettings, warmup, seconds)
          : NONE;
      System.out.println();
      System.out.printf(Locale.ROOT, "RESULT demo_orders_per_s=%s tracker_core_percent_demo=%.2f"
          + " tracker_core_percent_no_input=%.2f without_jit_demo=%.2f without_jit_no_input=%.2f window_s=%d"
          + " warmup_s=%d set=%s%n", rate, demo[0], quiet[0], demo[1], quiet[1], seconds, warmup,
          set.isEmpty() ? "defaults" : String.join(";", set.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
              .toList()));
    } finally {
      local.close();
    }
    System.exit(0);
  }

  private static final double[] NONE = {Double.NaN, Double.NaN};

  /**
   * Starts a tracker, waits for health UP and the warm-up, returns its CPU share of one core over the window, with
   * and without the JIT compiler threads.
   */
  private static double[] measure(LocalInfrastructure local, Path dir, String name, List<String> jvm,
      Map<String, String> extra, int warmup, int seconds) throws Exception {
    String prefix = "idle" + name + Long.toString(System.currentTimeMillis(), 36);
    int port = SharedInfrastructure.freePort();
    Map<String, String> properties = TrackerSettings.ownGroups(local, prefix,
        Files.createDirectories(dir.resolve(name + "-state")), port);
    properties.putAll(extra);
    try (TrackerProcess tracker = TrackerProcess.start("tracker-" + name, jvm, properties, dir)) {
      HttpClient http = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + 300_000_000_000L;
      while (!EndToEndBenchmark.healthy(http, port)) {
        if (!tracker.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("the tracker did not become healthy; see " + tracker.log);
        }
        Thread.sleep(500);
      }
      System.out.printf("%s: tracker healthy (pid %d, %s), warming up %d s%n", name, tracker.pid(), extra, warmup);
      Thread.sleep(warmup * 1000L);
      double before = CpuTime.seconds(tracker.pid());
      Map<String, Double> threadsBefore = CpuTime.perThread(tracker.pid());
      long start = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      double cpu = CpuTime.seconds(tracker.pid()) - before;
      Map<String, Double> threads = new LinkedHashMap<>(CpuTime.perThread(tracker.pid()));
      threadsBefore.forEach((thread, s) -> threads.computeIfPresent(thread, (k, v) -> v - s));
      double wall = (System.nanoTime() - start) / 1e9;
      double percent = 100 * cpu / wall;
      // C1 and C2 CompilerThreadN, as CpuTime names them (digits as N)
      double compiler = threads.entrySet().stream().filter(e -> e.getKey().startsWith("CN Compiler"))
          .mapToDouble(Map.Entry::getValue).sum();
      double withoutJit = 100 * (cpu - compiler) / wall;
      System.out.printf(Locale.ROOT, "%s: %.2f CPU s in %.1f s = %.2f%% of one core (%.2f%% without the JIT compiler"
          + " threads' %.2f CPU s); resident %.0f MiB%n", name, cpu, wall, percent, withoutJit, compiler,
          CpuTime.residentMiB(tracker.pid()));
      threads.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(16)
          .forEach(e -> System.out.printf(Locale.ROOT, "  %-16s %6.2f CPU s in the window%n", e.getKey(),
              e.getValue()));
      return new double[] {percent, withoutJit};
    }
  }
}
