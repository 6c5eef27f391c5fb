package io.choreography.tracker.service.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Alertmanager (Debian's prometheus-alertmanager, installed by .ci/run) as a child process on a free port, with
 * its own storage directory, clustering off, and a minimal configuration. It can be stopped and started again on the
 * same port; like any Alertmanager it forgets its alerts when it stops.
 */
public final class TestAlertmanager implements AutoCloseable {

  public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
  private static final String CONFIG = """
      route:
        receiver: tracker-it
        group_by: [alertname, process]
        group_wait: 1s
      receivers:
        - name: tracker-it
      """;

  private final int port;
  private final Path dir;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final JsonMapper json = JsonMapper.builder().build();
  private Process process;

  private TestAlertmanager(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  /** Whether prometheus-alertmanager is installed: tests are skipped where it is not. */
  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** A stopped Alertmanager on a free port. */
  public static TestAlertmanager create() {
    try (ServerSocket s = new ServerSocket(0)) {
      Path dir = Files.createTempDirectory("alertmanager-it");
      Files.writeString(dir.resolve("alertmanager.yml"), CONFIG);
      return new TestAlertmanager(s.getLocalPort(), dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Starts it and waits until it answers /-/ready. */
  public synchronized void start() throws Exception {
    if (process != null && process.isAlive()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of(BINARY.toString(),
        "--config.file=" + dir.resolve("alertmanager.yml"),
        "--storage.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address=")); // empty: no gossip port, no peers
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("alertmanager.log").toFile())).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!ready()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("alertmanager exited with " + process.exitValue() + "; its log: "
            + Files.readString(dir.resolve("alertmanager.log")));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("alertmanager not ready in 30 s; its log: "
            + Files.readString(dir.resolve("alertmanager.log")));
      }
      Thread.sleep(100);
    }
  }

  /** Stops it (SIGTERM, then SIGKILL) and waits for the process to end. */
  public synchronized void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    process = null;
  }

  /** The alerts {@code GET /api/v2/alerts} lists: the active ones (resolved alerts are not listed). */
  public List<JsonNode> alerts() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/api/v2/alerts"))
        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET /api/v2/alerts answered " + r.statusCode() + ": " + r.body());
    }
    List<JsonNode> alerts = new ArrayList<>();
    json.readTree(r.body()).forEach(alerts::add);
    return alerts;
  }

  /** The alert whose annotation {@code trace_id} is this, or null. */
  public JsonNode alertOfTrace(String traceId) throws Exception {
    for (JsonNode a : alerts()) {
      if (traceId.equals(a.path("annotations").path("trace_id").asString())) {
        return a;
      }
    }
    return null;
  }

  private boolean ready() throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false; // not listening yet
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
