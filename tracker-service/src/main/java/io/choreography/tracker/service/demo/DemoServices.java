package io.choreography.tracker.service.demo;

import io.choreography.tracker.service.config.TrackerProperties;
import io.choreography.tracker.service.local.TopicCreation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the simulated checkout, payment, inventory and shipping services of the order-fulfillment demo: new
 * orders at a steady rate, each following a {@link DemoOrder.Scenario}, some of them going wrong on purpose.
 */
public final class DemoServices implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(DemoServices.class);
  static final String ESCALATIONS_TOPIC = "customer-notifications";

  private final Map<String, Object> producerProperties;
  private final Map<String, Object> adminProperties;
  private final TrackerProperties.Demo settings;
  private final JsonMapper json;
  private final String curlHeader;
  private final Supplier<String> apiAddress;
  private volatile String api = "localhost:8080";
  private final AtomicLong orders = new AtomicLong();
  private ScheduledExecutorService scheduler;
  private Producer<String, byte[]> producer;
  private DemoEmitters emit;

  public DemoServices(Map<String, Object> producerProperties, Map<String, Object> adminProperties,
      TrackerProperties.Demo settings, JsonMapper json, String curlHeader, Supplier<String> apiAddress) {
    this.producerProperties = producerProperties;
    this.adminProperties = adminProperties;
    this.settings = settings;
    this.json = json;
    this.curlHeader = curlHeader;
    this.apiAddress = apiAddress;
  }

  @Override
  public synchronized void start() {
    // the web server is up by now (this starts after it), so its actual port is known
    api = apiAddress.get();
    createTopics();
    producer = new KafkaProducer<>(producerProperties, new StringSerializer(), new ByteArraySerializer());
    emit = new DemoEmitters(producer, json, "");
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "demo-services"));
    long periodMicros = (long) (1_000_000 / Math.max(0.01, settings.ordersPerSecond()));
    scheduler.scheduleAtFixedRate(this::placeOrder, 500_000, periodMicros, TimeUnit.MICROSECONDS);
    LOG.info("demo: simulated services emit {} orders/s to {}", settings.ordersPerSecond(), DemoEmitters.TOPICS);
  }

  private void createTopics() {
    try (Admin admin = Admin.create(adminProperties)) {
      List<NewTopic> topics = new ArrayList<>();
      for (String t : DemoEmitters.TOPICS) {
        topics.add(new NewTopic(t, 4, (short) 1));
      }
      // where the demo definition's escalation (DelayNotice) goes, read back as step delay-notice-sent
      topics.add(new NewTopic(ESCALATIONS_TOPIC, 4, (short) 1));
      TopicCreation.createAndAwait(admin, topics, Duration.ofSeconds(60));
    } catch (Exception e) {
      throw new IllegalStateException("demo: cannot create its topics: " + e.getMessage(), e);
    }
  }

  private void placeOrder() {
    try {
      long n = orders.incrementAndGet();
      if (settings.maxOrders() > 0 && n > settings.maxOrders()) {
        return;
      }
      DemoOrder order = DemoOrder.next(DemoOrder.Scenario.of(n));
      if (n <= DemoOrder.Scenario.FIRST.size() || n % 100 == 0) {
        LOG.info("demo: order {} placed ({}); try: curl {}{}/api/traces/{}", order.orderId(),
            order.scenario().name().toLowerCase().replace('_', ' '), curlHeader, api, order.orderId());
      }
      play(order);
    } catch (RuntimeException e) {
      LOG.warn("demo: could not place an order: {}", e.toString());
    }
  }

  /** Schedules what the services do with this order; times are the services' own clocks. */
  private void play(DemoOrder order) {
    for (DemoScript.Action action : DemoScript.of(order)) {
      Runnable emitNow = () -> action.emission().emit(emit, Instant.now());
      if (action.afterMillis() == 0) {
        emitNow.run();
      } else {
        scheduler.schedule(() -> {
          try {
            emitNow.run();
          } catch (RuntimeException e) {
            LOG.warn("demo: could not emit an event: {}", e.toString());
          }
        }, action.afterMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Orders placed so far. */
  public long ordersPlaced() {
    return Math.min(orders.get(), settings.maxOrders() > 0 ? settings.maxOrders() : Long.MAX_VALUE);
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      producer.close(Duration.ofSeconds(5));
      scheduler = null;
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }

  @Override
  public int getPhase() {
    // start after the tracker's own consumers, stop before them
    return Integer.MAX_VALUE - 100;
  }
}
