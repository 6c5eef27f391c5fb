package io.choreography.tracker.service.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.event.NonResponsiveConsumerEvent;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.BatchAcknowledgingMessageListener;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A consumer and its sink: spring-kafka's listener container does the polling, the committing (after the sink took a
 * batch, never before) and the retrying; the sink only writes. A batch the sink throws on is handed to it again with
 * exponential backoff (200 ms doubling to 10 s) for as long as it takes, while the container keeps polling its paused
 * consumer so that it stays in its group through any outage. A sink therefore throws only for what may pass (its
 * store unreachable) and handles a bad record itself (counts, dead-letters, skips), never by throwing.
 *
 * <p>A {@link DeliveringSink} delivers on threads of its own (webhooks, Alertmanager): it answers a batch with a
 * future, the container stays paused (polling, so in its group) until that future completes, and only then are the
 * batch's offsets committed. A batch whose partitions were revoked meanwhile is not committed: their new owner
 * delivers it again, with the same idempotency keys.
 */
public final class SinkContainer implements SmartLifecycle, StageHealth.Stage {

  private static final Logger LOG = LoggerFactory.getLogger(SinkContainer.class);

  /** What a sink does with a batch of records; see the class comment for when it may throw. */
  @FunctionalInterface
  public interface Sink {
    void accept(List<ConsumerRecord<byte[], byte[]>> records) throws Exception;
  }

  /**
   * What a sink that delivers on threads of its own does with a batch: the future completes once every record was
   * delivered or given up for good.
   */
  @FunctionalInterface
  public interface DeliveringSink {
    CompletableFuture<?> deliver(List<ConsumerRecord<byte[], byte[]>> records);

    /** The consumer lost partitions (a rebalance): what the sink remembers of them may now belong to another. */
    default void partitionsRevoked() {}
  }

  /**
   * @param name the stage's name in health and logs, and the container's bean name
   * @param idleBetweenPolls how long to wait between polls (0: none), so that a sink that coalesces gets what came
   *     in meanwhile in one batch
   * @param phase start and stop order among the tracker's lifecycles
   */
  public record Settings(String name, Collection<String> topics, Duration idleBetweenPolls, int phase) {}

  private final Settings settings;
  private final ConcurrentMessageListenerContainer<byte[], byte[]> container;
  private static final int MONITOR_SECONDS = 10;
  private static final Duration POLL_WHILE_DELIVERING = Duration.ofMillis(500);
  private final AtomicLong revocations = new AtomicLong();

  private volatile String retrying;
  private volatile long lastBatchAt;
  private volatile long notPollingFor;
  private volatile long notPollingSeenAt;

  public SinkContainer(Settings settings, ConsumerFactory<byte[], byte[]> consumers, Sink sink) {
    this(settings, consumers, properties(settings, ContainerProperties.AckMode.BATCH));
    listen(sink);
  }

  /**
   * A container that never commits, for a reader that follows topics in a group of its own per process from the
   * latest offset (the live stream): what it read is not worth remembering across restarts.
   */
  public static SinkContainer withoutCommits(Settings settings, ConsumerFactory<byte[], byte[]> consumers, Sink sink) {
    SinkContainer c = new SinkContainer(settings, consumers, properties(settings, ContainerProperties.AckMode.MANUAL));
    c.listen(sink); // a listener that never acknowledges: nothing is committed
    return c;
  }

  private void listen(Sink sink) {
    container.getContainerProperties().setMessageListener((BatchMessageListener<byte[], byte[]>) records -> {
      write(sink, records);
      took();
    });
  }

  /** A container whose sink delivers on its own threads; see the class comment. */
  public SinkContainer(Settings settings, ConsumerFactory<byte[], byte[]> consumers, DeliveringSink sink) {
    this(settings, consumers, properties(settings, ContainerProperties.AckMode.MANUAL));
    ContainerProperties p = container.getContainerProperties();
    p.setPollTimeout(POLL_WHILE_DELIVERING.toMillis()); // a delivered batch is committed at the next poll
    p.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
      @Override
      public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
          revocations.incrementAndGet();
          sink.partitionsRevoked();
        }
      }
    });
    p.setMessageListener((BatchAcknowledgingMessageListener<byte[], byte[]>) (records, ack) -> {
      long revokedBefore = revocations.get();
      CompletableFuture<?> delivered = sink.deliver(records);
      took();
      if (delivered.isDone()) {
        ack.acknowledge();
        return;
      }
      container.pause(); // nothing new until this batch is delivered; the consumer keeps polling, stays in its group
      delivered.whenComplete((ok, failure) -> {
        if (revocations.get() == revokedBefore) {
          ack.acknowledge();
        }
        container.resume();
      });
    });
  }

  private SinkContainer(Settings settings, ConsumerFactory<byte[], byte[]> consumers, ContainerProperties p) {
    this.settings = settings;
    container = new ConcurrentMessageListenerContainer<>(consumers, p);
    container.setBeanName(settings.name());
    container.setApplicationEventPublisher(event -> {
      if (event instanceof NonResponsiveConsumerEvent stuck) {
        notPollingFor = stuck.getTimeSinceLastPoll();
        notPollingSeenAt = System.currentTimeMillis();
      }
    });
    ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
    backOff.setMaxInterval(10_000);
    DefaultErrorHandler errors = new DefaultErrorHandler(backOff);
    errors.setLogLevel(org.springframework.kafka.KafkaException.Level.DEBUG);
    errors.setRetryListeners(new RetryListener() {
      @Override
      public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
        failed(ex);
      }

      @Override
      public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
        failed(ex);
      }
    });
    container.setCommonErrorHandler(errors);
  }

  private static ContainerProperties properties(Settings settings, ContainerProperties.AckMode ackMode) {
    ContainerProperties p = new ContainerProperties(settings.topics().toArray(String[]::new));
    p.setAckMode(ackMode);
    p.setSyncCommits(false); // what a sink writes is idempotent: a lost commit only writes again
    p.setIdleBetweenPolls(settings.idleBetweenPolls().toMillis());
    p.setMicrometerEnabled(true);
    // a consumer thread that has not polled for 3 x 10 s is reported (health DOWN), e.g. blocked in a sink
    p.setMonitorInterval(MONITOR_SECONDS);
    return p;
  }

  private void write(Sink sink, List<ConsumerRecord<byte[], byte[]>> records) {
    try {
      sink.accept(records);
    } catch (RuntimeException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(settings.name() + " interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException(e.toString(), e);
    }
  }

  private void took() {
    lastBatchAt = System.currentTimeMillis();
    if (retrying != null) {
      LOG.info("{}: writing works again", settings.name());
      retrying = null;
    }
  }

  private void failed(Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause != cause.getCause()) {
      cause = cause.getCause();
    }
    String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    if (retrying == null) {
      LOG.warn("{}: writing failed, retrying with backoff: {}", settings.name(), reason);
    }
    retrying = reason;
  }

  @Override
  public void start() {
    container.start();
  }

  @Override
  public void stop() {
    container.stop();
  }

  @Override
  public boolean isRunning() {
    return container.isRunning();
  }

  @Override
  public int getPhase() {
    return settings.phase();
  }

  /** When the sink last took a batch (epoch ms), 0 before the first. */
  /** Whether the consumer has partitions assigned: records appended from now on reach the sink. */
  public boolean assigned() {
    Collection<TopicPartition> partitions = container.getAssignedPartitions();
    return partitions != null && !partitions.isEmpty();
  }

  public long lastBatchAt() {
    return lastBatchAt;
  }

  @Override
  public String stageName() {
    return settings.name();
  }

  @Override
  public StageHealth health() {
    if (!container.isRunning() || !container.isInExpectedState()) {
      return StageHealth.down("stopped");
    }
    String failure = retrying;
    if (failure != null) {
      return StageHealth.retrying("retrying: " + failure);
    }
    if (System.currentTimeMillis() - notPollingSeenAt < 2_000L * MONITOR_SECONDS) {
      return StageHealth.down("its consumer has not polled for " + notPollingFor / 1000 + " s");
    }
    return StageHealth.up("running");
  }
}
