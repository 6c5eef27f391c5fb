package io.choreography.tracker.service.ingest;

import io.choreography.tracker.service.kafka.StageHealth;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.transaction.KafkaAwareTransactionManager;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Reads every business topic once, in the consumer group {@code tracker.ingest.group-id}, and forwards each record
 * to the intake topic (see {@link ForwardingListener}). The topics are the ones {@link TopicDiscovery} finds; when they
 * change, the listener container is replaced by one subscribed to the new list (a rebalance of the group, as a new
 * topic matching a pattern would cause), so a topic created while the tracker runs is read within the refresh period.
 * A write to Kafka that fails rolls the batch back and is retried with backoff, for as long as it takes.
 */
public final class Forwarder implements SmartLifecycle, StageHealth.Stage, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

  /** How this forwarder runs. */
  record Settings(Duration watermarkInterval, Duration stuckAfter) {}

  private final Settings settings;
  private final ConsumerFactory<byte[], byte[]> consumers;
  private final KafkaAwareTransactionManager<byte[], byte[]> transactions;
  private final ForwardingListener listener;
  private final TopicDiscovery discovery;
  private final IntakeTopic intake;
  private final InstantSource clock;
  private volatile ConcurrentMessageListenerContainer<byte[], byte[]> container;
  private volatile boolean running;
  private volatile String retrying;
  private volatile long lastActivityAt;

  Forwarder(Settings settings, ConsumerFactory<byte[], byte[]> consumers,
      KafkaAwareTransactionManager<byte[], byte[]> transactions, ForwardingListener listener,
      TopicDiscovery discovery, IntakeTopic intake, InstantSource clock) {
    this.settings = settings;
    this.consumers = consumers;
    this.transactions = transactions;
    this.listener = listener;
    this.discovery = discovery;
    this.intake = intake;
    this.clock = clock;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    discovery.start(this::subscribe);
  }

  @Override
  public void stop() {
    discovery.stop();
    synchronized (this) {
      running = false;
      ConcurrentMessageListenerContainer<byte[], byte[]> c = container;
      if (c != null) {
        c.stop();
        container = null;
      }
    }
  }

  @Override
  public void destroy() {
    discovery.close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the Elasticsearch writers stop and after they start: they read what this writes. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 100;
  }

  /**
   * Subscribes to exactly these topics, replacing the container subscribed to the previous list. Runs on the
   * discovery's thread; a failure (Kafka unreachable) is retried with the next refresh.
   */
  private synchronized void subscribe(Map<String, Integer> topics) {
    if (!running) {
      return;
    }
    try {
      intake.ensure();
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the intake topic: " + e, e);
    }
    ConcurrentMessageListenerContainer<byte[], byte[]> previous = container;
    if (previous != null) {
      previous.stop();
    }
    container = topics.isEmpty() ? null : container(topics.keySet());
    if (container != null) {
      container.start();
      lastActivityAt = clock.millis();
    } else {
      listener.nothingToRead();
    }
  }

  private ConcurrentMessageListenerContainer<byte[], byte[]> container(Set<String> topics) {
    ContainerProperties p = new ContainerProperties(topics.toArray(String[]::new));
    p.setKafkaAwareTransactionManager(transactions);
    p.setMessageListener((BatchConsumerAwareMessageListener<byte[], byte[]>) (records, consumer) -> {
      listener.onMessage(records, consumer);
      lastActivityAt = clock.millis();
      retrying = null;
    });
    p.setConsumerRebalanceListener(listener);
    long interval = settings.watermarkInterval().toMillis();
    // the container is idle, and says so, after one interval without records: the watermarks then go on moving
    p.setIdleEventInterval(interval);
    p.setIdleBeforeDataMultiplier(1.0);
    p.setPollTimeout(Math.max(50, Math.min(interval, 1000)));
    p.setMicrometerEnabled(true);
    ConcurrentMessageListenerContainer<byte[], byte[]> c = new ConcurrentMessageListenerContainer<>(consumers, p);
    // one consumer thread per process: the listener's read positions belong to that thread; scale out with processes
    c.setConcurrency(1);
    c.setBeanName("tracker-forwarder");
    c.setApplicationEventPublisher(event -> {
      if (event instanceof ListenerContainerIdleEvent idle) {
        listener.onIdle(idle);
        lastActivityAt = clock.millis();
      }
    });
    ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
    backOff.setMaxInterval(10_000);
    DefaultAfterRollbackProcessor<byte[], byte[]> afterRollback = new DefaultAfterRollbackProcessor<>(backOff);
    afterRollback.setRetryListeners(new RetryListener() {
      @Override
      public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
        if (retrying == null) {
          LOG.warn("forwarding to the intake topic failed, retrying with backoff: {}", ex.toString());
        }
        retrying = ex.toString();
      }
    });
    c.setAfterRollbackProcessor(afterRollback);
    return c;
  }

  @Override
  public String stageName() {
    return "forwarder";
  }

  @Override
  public StageHealth health() {
    if (!running) {
      return StageHealth.down("stopped");
    }
    Exception listing = discovery.lastFailure();
    if (discovery.topics() == null) {
      return StageHealth.retrying("cannot list the business topics: " + (listing == null ? "not yet" : listing));
    }
    if (!discovery.tooSlow().isEmpty()) {
      return StageHealth.retrying("tracker.topics takes too long to decide on " + discovery.tooSlow()
          + ": those topics are not read");
    }
    ConcurrentMessageListenerContainer<byte[], byte[]> c = container;
    if (c == null) {
      return StageHealth.up("no business topic matches tracker.topics yet");
    }
    if (!c.isRunning()) {
      return StageHealth.down("the consumer of the business topics stopped");
    }
    String failure = retrying;
    if (failure != null) {
      return StageHealth.retrying("writing to the intake topic: " + failure);
    }
    long quiet = clock.millis() - lastActivityAt;
    if (quiet > settings.stuckAfter().toMillis()) {
      return StageHealth.down("the consumer of the business topics has not moved for " + quiet / 1000 + " s");
    }
    return StageHealth.up("reading " + discovery.topics().size() + " topics");
  }

  /** The business topics read, with their partition counts; null before they were first listed. */
  public Map<String, Integer> topics() {
    return discovery.topics();
  }
}
