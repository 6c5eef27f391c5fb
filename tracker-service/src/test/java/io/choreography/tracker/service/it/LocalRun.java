package io.choreography.tracker.service.it;

import io.choreography.tracker.service.local.Directories;
import io.choreography.tracker.service.tracking.TrackerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged tracker started as the README's first command starts it ({@code java -jar tracker-service.jar
 * --tracker.local=true ...}), in a JVM of its own: local mode starts its own Kafka broker; for Elasticsearch it
 * finds the tests' node answering at the configured address and reuses it, as local mode reuses a node left
 * running, so that a test does not start a second one. Its own index prefix keeps its data apart.
 */
public final class LocalRun implements AutoCloseable {

  /** The sign-in line of the start-up banner. */
  public static final Pattern SIGN_IN = Pattern.compile("open (http://localhost:(\\d+)/#key=([0-9a-f]+))");

  private final TrackerProcess process;
  public final int port;
  public final String indexPrefix;

  private LocalRun(TrackerProcess process, int port, String indexPrefix) {
    this.process = process;
    this.port = port;
    this.indexPrefix = indexPrefix;
  }

  /** Starts {@code java -jar tracker-service.jar --tracker.local=true} with these further properties. */
  public static LocalRun start(String name, Map<String, String> properties) throws IOException {
    Path dir = Path.of("target", "local-runs", name).toAbsolutePath();
    Directories.deleteRecursively(dir.resolve("kafka"));
    Directories.deleteRecursively(dir.resolve("streams"));
    int port = SharedInfrastructure.freePort();
    String indexPrefix = "it-" + name + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    Map<String, String> all = new LinkedHashMap<>();
    all.put("tracker.local", "true");
    all.put("server.port", Integer.toString(port));
    all.put("spring.kafka.bootstrap-servers", "localhost:" + SharedInfrastructure.freePortPair());
    all.put("tracker.elasticsearch.uris", SharedInfrastructure.get().elasticsearchUri());
    all.put("tracker.elasticsearch.index-prefix", indexPrefix);
    all.put("tracker.local-mode.dir", dir.toString());
    all.putAll(properties);
    List<String> jvm = List.of("-Xmx768m", "-XX:+UseSerialGC",
        "-Dmaven.repo.local=" + System.getProperty("maven.repo.local",
            System.getProperty("user.home") + "/.m2/repository"));
    return new LocalRun(TrackerProcess.start(name, jvm, all, dir), port, indexPrefix);
  }

  /** The sign-in link the tracker printed (waiting for it up to the timeout), with its key as group 3. */
  public Matcher awaitSignIn(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = SIGN_IN.matcher(output());
      if (m.find()) {
        return m;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the tracker exited before it printed a sign-in link:\n" + tail());
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no sign-in link within " + timeout + ":\n" + tail());
  }

  /** Everything the tracker printed so far (console and log). */
  public String output() throws IOException {
    return Files.exists(process.log) ? Files.readString(process.log, StandardCharsets.UTF_8) : "";
  }

  private String tail() throws IOException {
    List<String> lines = output().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  public String url(String path) {
    return "http://localhost:" + port + path;
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
