package io.choreography.tracker.service.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real Kafka broker and a real Elasticsearch node on this machine, without Docker: what {@code
 * tracker.local=true} runs, and what the integration tests run. Everything lives under one directory that
 * survives restarts.
 */
public final class LocalInfrastructure implements AutoCloseable {

  private final LocalKafkaBroker kafka;
  private final LocalElasticsearchNode elasticsearch;
  private final PrintStream progress;

  private LocalInfrastructure(LocalKafkaBroker kafka, LocalElasticsearchNode elasticsearch, PrintStream progress) {
    this.kafka = kafka;
    this.elasticsearch = elasticsearch;
    this.progress = progress;
  }

  /**
   * Starts both. Elasticsearch starts first in the background while the broker starts here, since it takes
   * longer.
   */
  public static LocalInfrastructure start(
      Path dir, int kafkaPort, int elasticsearchPort, int elasticsearchHeapMb, PrintStream progress)
      throws Exception {
    dir = dir.toAbsolutePath().normalize();
    requireFree(kafkaPort, "Kafka", "spring.kafka.bootstrap-servers");
    requireFree(kafkaPort + 1, "the Kafka controller (Kafka port + 1)", "spring.kafka.bootstrap-servers");
    Files.createDirectories(dir);
    Path esBase = ElasticsearchPlacement.baseFor(dir, progress);
    Path home = new ElasticsearchDistribution(ElasticsearchDistribution.bundledVersion(), progress)
        .unpackInto(esBase);
    LocalElasticsearchNode es = new LocalElasticsearchNode(home, esBase.resolve("elasticsearch"), elasticsearchPort,
        elasticsearchHeapMb, progress);
    LocalKafkaBroker broker = new LocalKafkaBroker(dir.resolve("kafka"), "127.0.0.1", kafkaPort, kafkaPort + 1);
    Exception[] esFailure = new Exception[1];
    Thread esStarter = new Thread(() -> {
      try {
        es.start();
      } catch (Exception e) {
        esFailure[0] = e;
      }
    }, "local-elasticsearch-start");
    esStarter.start();
    long start = System.nanoTime();
    progress.printf("starting Kafka at %s ...%n", broker.bootstrapServers());
    try {
      broker.start();
    } catch (Exception e) {
      esStarter.join();
      es.close();
      throw e;
    }
    progress.printf("Kafka ready in %.1f s%n", (System.nanoTime() - start) / 1e9);
    esStarter.join();
    if (esFailure[0] != null) {
      broker.close();
      throw esFailure[0];
    }
    return new LocalInfrastructure(broker, es, progress);
  }

  /** Fails with a clear message when a port local mode needs is taken, e.g. by a tracker still running. */
  private static void requireFree(int port, String what, String property) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", port));
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " for " + what + " is in use: is another tracker or Kafka "
          + "running? Stop it, or choose other ports with " + property);
    }
  }

  public String kafkaBootstrapServers() {
    return kafka.bootstrapServers();
  }

  public String elasticsearchUri() {
    return elasticsearch.uri();
  }

  @Override
  public void close() {
    progress.println("stopping local Kafka and Elasticsearch ...");
    kafka.close();
    elasticsearch.close();
    progress.println("local Kafka and Elasticsearch stopped");
  }
}
