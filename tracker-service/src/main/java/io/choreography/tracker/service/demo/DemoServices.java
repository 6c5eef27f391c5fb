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
      DemoOrder order = DemoOrder.next(n == 1 ? DemoOrder.Scenario.HAPPY : DemoOrder.Scenario.pick());
      if (n <= 5 || n % 100 == 0) {
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
    Instant placed = Instant.now();
    emit.checkout(order, "OrderPlaced", placed, Map.of("items", 1 + (int) (order.total() / 100)));
    switch (order.scenario()) {
      case HAPPY -> {
        later(1_000, () -> emit.payment(order, "PaymentReceived", null, Instant.now()));
        later(1_500, () -> emit.checkout(order, "OrderStatusChanged", Instant.now(), Map.of("status", "PAID")));
        later(2_500, () -> emit.inventory(order, Instant.now()));
        later(3_000, () -> emit.checkout(order, "OrderStatusChanged", Instant.now(), Map.of("status", "PACKED")));
        later(3_500, () -> emit.checkout(order, "OrderStatusChanged", Instant.now(), Map.of("status", "HANDED_TO_CARRIER")));
        later(4_000, () -> emit.shipping(order, Instant.now()));
      }
      case STUCK_IN_PAYMENT -> {
        // nothing more: payment-received falls due after its `within`
      }
      case STUCK_IN_INVENTORY -> later(1_000, () -> emit.payment(order, "PaymentReceived", null, Instant.now()));
      case PAYMENT_FAILED -> later(1_000, () -> emit.payment(order, "PaymentResult", "FAILED", Instant.now()));
      case OUT_OF_ORDER -> {
        later(1_000, () -> emit.payment(order, "PaymentReceived", null, Instant.now()));
        later(2_000, () -> emit.shipping(order, Instant.now()));
        // reported 40 s later, with a later event time: beyond the 30 s reorder window
        later(42_000, () -> emit.inventory(order, Instant.now()));
      }
      case REORDERED_IN_TRANSPORT -> {
        Instant paid = placed.plusMillis(1_000);
        Instant fetched = placed.plusMillis(2_000);
        Instant shipped = placed.plusMillis(3_000);
        // delivered shipped, fetched, paid: the event times are in order, the arrival is not
        later(1_000, () -> emit.shipping(order, shipped));
        later(1_500, () -> emit.inventory(order, fetched));
        later(2_000, () -> emit.payment(order, "PaymentReceived", null, paid));
      }
    }
  }

  private void later(long millis, Runnable action) {
    scheduler.schedule(() -> {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.warn("demo: could not emit an event: {}", e.toString());
      }
    }, millis, TimeUnit.MILLISECONDS);
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
