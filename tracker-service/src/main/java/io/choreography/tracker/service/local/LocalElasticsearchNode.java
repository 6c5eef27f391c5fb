package io.choreography.tracker.service.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Elasticsearch as a child process. Elasticsearch refuses to run as root, so as root it is
 * started under the unprivileged uid 65534 (no user needs to exist) with its directories handed to that uid.
 */
public final class LocalElasticsearchNode implements AutoCloseable {

  private static final int UNPRIVILEGED = 65534;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

  private final Path home;
  private final Path workDir;
  private final int httpPort;
  private final int heapMb;
  private final PrintStream progress;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;

  /**
   * @param home the unpacked distribution
   * @param workDir data, logs, temp and pid file live here (and survive restarts)
   */
  public LocalElasticsearchNode(Path home, Path workDir, int httpPort, int heapMb, PrintStream progress) {
    this.home = home;
    this.workDir = workDir;
    this.httpPort = httpPort;
    this.heapMb = heapMb;
    this.progress = progress;
  }

  public String uri() {
    return "http://127.0.0.1:" + httpPort;
  }

  public synchronized void start() throws IOException, InterruptedException {
    if (healthy()) {
      // Left running by a tracker that was killed: it serves our data directory, use it.
      progress.printf("Elasticsearch already answers at %s: reusing it%n", uri());
      return;
    }
    Path data = workDir.resolve("data");
    Path logs = workDir.resolve("logs");
    Path tmp = workDir.resolve("tmp");
    for (Path d : List.of(data, logs, tmp)) {
      Files.createDirectories(d);
    }
    writeConfig(data, logs);
    boolean root = isRoot();
    if (root) {
      Directories.chownRecursively(home, UNPRIVILEGED, UNPRIVILEGED);
      Directories.chownRecursively(workDir, UNPRIVILEGED, UNPRIVILEGED);
    }
    List<String> command = new ArrayList<>();
    if (root) {
      command.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED, "--regid=" + UNPRIVILEGED, "--clear-groups"));
    }
    command.add(home.resolve("bin/elasticsearch").toString());
    command.addAll(List.of("-p", workDir.resolve("elasticsearch.pid").toString()));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("console.log").toFile()));
    Map<String, String> env = pb.environment();
    env.put("ES_JAVA_HOME", System.getProperty("java.home"));
    env.put("ES_TMPDIR", tmp.toString());
    env.remove("JAVA_TOOL_OPTIONS");
    long start = System.nanoTime();
    progress.printf("starting Elasticsearch at %s ...%n", uri());
    process = pb.start();
    awaitReady(start);
    progress.printf("Elasticsearch ready in %.1f s%n", (System.nanoTime() - start) / 1e9);
  }

  private void writeConfig(Path data, Path logs) throws IOException {
    String yml = String.join("\n",
        "cluster.name: choreography-tracker-local",
        "node.name: local",
        "path.data: " + data.toAbsolutePath(),
        "path.logs: " + logs.toAbsolutePath(),
        "network.host: 127.0.0.1",
        "http.port: " + httpPort,
        "transport.port: 0",
        "discovery.type: single-node",
        "xpack.security.enabled: false",
        // A nearly full disk would otherwise turn every index read-only: this is a development node.
        "cluster.routing.allocation.disk.threshold_enabled: false",
        "");
    Files.writeString(home.resolve("config/elasticsearch.yml"), yml);
    Path options = home.resolve("config/jvm.options.d");
    Files.createDirectories(options);
    Files.writeString(options.resolve("heap.options"), "-Xms" + heapMb + "m\n-Xmx" + heapMb + "m\n");
  }

  private void awaitReady(long startNanos) throws IOException, InterruptedException {
    long deadline = startNanos + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("Elasticsearch exited with code " + process.exitValue() + "; last output:\n"
            + tail(workDir.resolve("console.log"), 30));
      }
      if (healthy()) {
        return;
      }
      Thread.sleep(250);
    }
    close();
    throw new IOException("Elasticsearch was not ready within " + READY_TIMEOUT.toSeconds() + " s; last output:\n"
        + tail(workDir.resolve("console.log"), 30));
  }

  /** True when a node answers cluster health with green or yellow at our port. */
  public boolean healthy() {
    try {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create(uri() + "/_cluster/health")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && !r.body().contains("\"status\":\"red\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public synchronized void close() {
    if (process == null) {
      return;
    }
    // SIGTERM to the whole tree (setpriv execs, so the child is Elasticsearch's launcher and JVM).
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  static boolean isRoot() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return Integer.valueOf(0).equals(uid);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
