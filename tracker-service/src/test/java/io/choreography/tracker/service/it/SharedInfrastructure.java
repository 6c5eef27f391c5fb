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
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "it-infrastructure-stop"));
      } catch (Exception e) {
        throw new IllegalStateException("could not start the test Kafka broker and Elasticsearch node", e);
      }
    }
    return infrastructure;
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
