package io.choreography.tracker.service.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A tracker in its own JVM, started from the packaged application as an operator would start it. */
public final class TrackerProcess implements AutoCloseable {

  public static final Path JAR = Path.of("target", "tracker-service.jar").toAbsolutePath();

  public final String name;
  public final Path log;
  private final Process process;

  private TrackerProcess(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  public static TrackerProcess start(String name, Map<String, String> properties, Path logDir) throws IOException {
    return start(name, List.of("-Xmx384m", "-XX:+UseSerialGC"), properties, logDir);
  }

  /** @param jvmArgs options of the child JVM (heap, collector), in place of the tests' small heap and serial GC */
  public static TrackerProcess start(String name, List<String> jvmArgs, Map<String, String> properties, Path logDir)
      throws IOException {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run the integration tests with mvn verify (after package)");
    }
    Files.createDirectories(logDir);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(JAR.toString());
    properties.forEach((k, v) -> command.add("--" + k + "=" + v));
    Path log = logDir.resolve(name + ".log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new TrackerProcess(name, log, p);
  }

  /** The child JVM's process id (for jcmd and /proc). */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** kill -9: no shutdown hook, no commit, no leaving the group. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(40, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
