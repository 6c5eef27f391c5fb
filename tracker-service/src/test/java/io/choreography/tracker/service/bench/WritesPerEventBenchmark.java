package io.choreography.tracker.service.bench;

import io.choreography.tracker.service.TrackerApplication;
import io.choreography.tracker.service.demo.DemoEmitters;
import io.choreography.tracker.service.demo.DemoOrder;
import io.choreography.tracker.service.it.TestDefinitions;
import io.choreography.tracker.service.it.TestKafka;
import io.choreography.tracker.service.it.SharedInfrastructure;
import io.choreography.tracker.service.local.Directories;
import io.choreography.tracker.service.local.LocalInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Elasticsearch writes per consumed event under a steady load of complete orders (not a test): the real tracker
 * (indexer, tracking topology, state writer) against a local broker and Elasticsearch node, fed {@code orders}
 * happy-path orders at {@code rate} orders per second, each with ten events over four seconds in the demo services'
 * formats (placed, paid, five status changes, goods fetched, a last status change, shipped). Once every instance is
 * written it prints the event, instance and incident documents written per consumed event, from the tracker's own
 * counters.
 *
 * <pre>
 * ./mvnw -B -ntp -Pbenchmarks -pl tracker-service -am verify -DskipTests -Dbenchmark=WritesPerEventBenchmark \
 *     -Dbenchmark.args="orders=12000 rate=200"
 * </pre>
 *
 * <p>Measured figures: docs/performance.md.
 */
public final class WritesPerEventBenchmark {

  private static final String[] STATUSES = {"CONFIRMED", "PAID", "PICKING", "PICKED", "PACKED", "LABELLED"};

  public static void main(String[] args) throws Exception {
    Options options = new Options(args);
    int orders = options.integer("orders", 12_000);
    int rate = options.integer("rate", 200);
    Path dir = Path.of("target", "bench-writes").toAbsolutePath();
    Directories.deleteRecursively(dir);
    int kafkaPort = SharedInfrastructure.freePortPair();
    LocalInfrastructure local = LocalInfrastructure.start(dir, kafkaPort, SharedInfrastructure.freePort(), 512, System.out);
    String prefix = "writes" + Long.toString(System.currentTimeMillis(), 36);
    String topicPrefix = prefix + ".";
    JsonMapper json = JsonMapper.builder().build();
    try {
      TestKafka.createTopics(local.kafkaBootstrapServers(), 4,
          DemoEmitters.TOPICS.stream().map(t -> topicPrefix + t).toList());
      ConfigurableApplicationContext tracker = start(local, prefix, topicPrefix, dir);
      try {
        MeterRegistry meters = tracker.getBean(MeterRegistry.class);
        long started = System.nanoTime();
        produce(local.kafkaBootstrapServers(), json, topicPrefix, orders, rate);
        long produced = System.nanoTime();
        long events = orders * 10L;
        awaitQuiet(meters, events);
        report(meters, orders, rate, (produced - started) / 1e9, (System.nanoTime() - started) / 1e9);
      } finally {
        tracker.close();
      }
    } finally {
      local.close();
      Directories.deleteRecursively(dir);
    }
    System.exit(0);
  }

  private static ConfigurableApplicationContext start(LocalInfrastructure local, String prefix, String topicPrefix,
      Path dir) throws IOException {
    return new SpringApplication(TrackerApplication.class).run(
        "--server.port=" + SharedInfrastructure.freePort(),
        "--spring.kafka.bootstrap-servers=" + local.kafkaBootstrapServers(),
        "--tracker.elasticsearch.uris=" + local.elasticsearchUri(),
        "--tracker.elasticsearch.index-prefix=" + prefix,
        "--tracker.security.enabled=false",
        "--tracker.topics=^" + java.util.regex.Pattern.quote(topicPrefix) + ".*",
        "--tracker.definitions=" + TestDefinitions.orderFulfillment(topicPrefix),
        "--tracker.tracking.state-dir=" + Files.createDirectories(dir.resolve("streams")),
        "--logging.level.root=WARN");
  }

  /** Orders at a steady rate; each one's ten events follow over four seconds, as the services would emit them. */
  private static void produce(String bootstrap, JsonMapper json, String topicPrefix, int orders, int rate)
      throws InterruptedException {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    AtomicLong placed = new AtomicLong();
    try (KafkaProducer<String, byte[]> producer = TestKafka.producer(bootstrap)) {
      DemoEmitters emit = new DemoEmitters(producer, json, topicPrefix);
      long periodMicros = 1_000_000L / rate;
      scheduler.scheduleAtFixedRate(() -> {
        if (placed.incrementAndGet() > orders) {
          return;
        }
        DemoOrder order = DemoOrder.next(DemoOrder.Scenario.HAPPY);
        Instant t = Instant.now();
        emit.checkout(order, "OrderPlaced", t, Map.of());
        scheduler.schedule(() -> emit.checkout(order, "OrderStatusChanged", t.plusMillis(300),
            Map.of("status", STATUSES[0])), 300, TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> emit.payment(order, "PaymentReceived", null, t.plusMillis(700)), 700,
            TimeUnit.MILLISECONDS);
        for (int i = 1; i < 5; i++) {
          String status = STATUSES[i];
          long at = 700 + i * 400L;
          scheduler.schedule(() -> emit.checkout(order, "OrderStatusChanged", t.plusMillis(at),
              Map.of("status", status)), at, TimeUnit.MILLISECONDS);
        }
        scheduler.schedule(() -> emit.inventory(order, t.plusMillis(2_900)), 2_900, TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> emit.checkout(order, "OrderStatusChanged", t.plusMillis(3_400),
            Map.of("status", STATUSES[5])), 3_400, TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> emit.shipping(order, t.plusMillis(4_000)), 4_000, TimeUnit.MILLISECONDS);
      }, 0, periodMicros, TimeUnit.MICROSECONDS);
      while (placed.get() <= orders) {
        Thread.sleep(10_000);
        System.out.printf("placed %,d orders%n", Math.min(placed.get(), orders));
      }
      Thread.sleep(5_000);
      producer.flush();
    } finally {
      scheduler.shutdownNow();
    }
  }

  /** Waits until every event was consumed and no document was written for 15 s (well past the state writer's 5 s). */
  private static void awaitQuiet(MeterRegistry meters, long events) throws InterruptedException {
    double lastWrites = -1;
    long quietSince = System.nanoTime();
    while (true) {
      Thread.sleep(1_000);
      double writes = writes(meters, "events") + writes(meters, "instances") + writes(meters, "incidents");
      if (writes != lastWrites) {
        lastWrites = writes;
        quietSince = System.nanoTime();
      } else if (counter(meters, "tracker.events.consumed") >= events && System.nanoTime() - quietSince > 15e9) {
        return;
      }
    }
  }

  private static void report(MeterRegistry meters, int orders, int rate, double produceSeconds, double seconds) {
    double consumed = counter(meters, "tracker.events.consumed");
    double events = writes(meters, "events");
    double instances = writes(meters, "instances");
    double incidents = writes(meters, "incidents");
    System.out.println();
    System.out.println("machine: " + Machine.describe());
    System.out.printf("load: %,d orders of 10 events at %d orders/s (%,.0f events/s) for %.0f s; done after %.0f s%n",
        orders, rate, rate * 10.0, produceSeconds, seconds);
    System.out.printf("consumed events: %,.0f%n", consumed);
    System.out.printf("documents written: events %,.0f, instances %,.0f, incidents %,.0f%n", events, instances,
        incidents);
    System.out.printf("Elasticsearch writes per consumed event: %.3f (instances per order: %.2f)%n",
        (events + instances + incidents) / consumed, instances / orders);
  }

  private static double writes(MeterRegistry meters, String index) {
    Counter c = meters.find("tracker.elasticsearch.writes").tag("index", index).counter();
    return c == null ? 0 : c.count();
  }

  private static double counter(MeterRegistry meters, String name) {
    Counter c = meters.find(name).counter();
    return c == null ? 0 : c.count();
  }

}
