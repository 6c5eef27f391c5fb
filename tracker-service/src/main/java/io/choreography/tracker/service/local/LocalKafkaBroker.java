package io.choreography.tracker.service.local;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) running inside this JVM. Its log
 * directory survives restarts: a second start finds the formatted directory and reuses topics and offsets.
 */
public final class LocalKafkaBroker implements AutoCloseable {

  private final Path logDir;
  private final String host;
  private final int port;
  private final int controllerPort;
  private KafkaRaftServer server;

  public LocalKafkaBroker(Path logDir, String host, int port, int controllerPort) {
    this.logDir = logDir;
    this.host = host;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  public String bootstrapServers() {
    return host + ":" + port;
  }

  public synchronized void start() throws Exception {
    Files.createDirectories(logDir);
    Properties props = serverProperties();
    KafkaConfig config = KafkaConfig.fromProps(props, false);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format();
    }
    server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
  }

  private void format() throws Exception {
    new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
        .setClusterId(Uuid.randomUuid().toString())
        .setNodeId(1)
        .setControllerListenerName("CONTROLLER")
        .setMetadataLogDirectory(logDir.toString())
        .setDirectories(List.of(logDir.toString()))
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .run();
  }

  private Properties serverProperties() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("num.partitions", "4");
    // A single node: every internal topic has one replica.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "8");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "8");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // A tracker killed or frozen inside a transaction holds that transaction's partitions (and the offsets it
    // committed in it) until the broker aborts it: past its timeout, at the broker's next check, every 10 s by
    // default. Checked every second here, a takeover waits for at most the timeout and a second.
    p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    p.put("auto.create.topics.enable", "true");
    // Services sometimes send large events; the tracker must see them to index them (truncated) or dead-letter them.
    p.put("message.max.bytes", String.valueOf(16 * 1024 * 1024));
    return p;
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }
}
