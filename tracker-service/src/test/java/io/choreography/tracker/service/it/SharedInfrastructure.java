package io.choreography.tracker.service.it;

import io.choreography.tracker.service.local.Directories;
import io.choreography.tracker.service.local.LocalInfrastructure;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * The real Kafka broker and Elasticsearch node of the integration tests: the same code as local mode, started
 * once per test JVM on free ports with fresh data, shared by every test class, stopped when the JVM exits.
 */
public final class SharedInfrastructure {

  private static LocalInfrastructure infrastructure;

  private SharedInfrastructure() {}

  public static synchronized LocalInfrastructure get() {
    if (infrastructure == null) {
      try {
        Path dir = Path.of("target", "it-infrastructure").toAbsolutePath();
        Directories.deleteRecursively(dir.resolve("kafka"));
        Directories.deleteRecursively(dir.resolve("elasticsearch"));
        int kafka = freePortPair();
        infrastructure = LocalInfrastructure.start(dir, kafka, freePort(), 512, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(SharedInfrastructure::stop, "it-infrastructure-stop"));
      } catch (Exception e) {
        throw new IllegalStateException("could not start the test Kafka broker and Elasticsearch node", e);
      }
    }
    return infrastructure;
  }

  /**
   * Stops the broker and the node once the trackers the tests started have closed. The JVM runs its shutdown hooks
   * at the same time, so Spring Boot's (which closes the cached test contexts) would otherwise find the broker gone
   * and wait out its clients' close timeouts: 30 s at the end of every test JVM, until the build killed it.
   */
  private static void stop() {
    try {
      // the hooks are started one after the other: give Spring Boot's a moment to be running
      for (int i = 0; i < 50; i++) {
        Thread spring = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("SpringApplicationShutdownHook")).findFirst().orElse(null);
        if (spring != null) {
          spring.join(60_000);
          break;
        }
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    infrastructure.close();
  }

  /** A free port whose successor is free too (the broker's controller listens on port + 1). */
  public static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int p = freePort();
      try (ServerSocket next = new ServerSocket(p + 1)) {
        return p;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no two consecutive free ports found");
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
