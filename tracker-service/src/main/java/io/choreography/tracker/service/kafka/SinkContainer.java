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
 * <p>A {@link DeliveringSink} delivers on threads of its own (webhooks, Alertmanager, the event indexer's bulks): it
 * answers a batch with a future, and a batch's offsets are committed once its future and those of every batch
 * before it completed, so commits stay in the order of the batches. Up to {@code inFlight} batches are delivering at
 * once; with that many out, the container stays paused (polling, so in its group) until one completes. A batch whose
 * partitions were revoked meanwhile is not committed: their new owner delivers it again, with the same idempotency
 * keys (or document ids).
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

    /** Why the sink is retrying a delivery for now (its store unreachable), for health; null while it is not. */
    default String retrying() {
      return null;
    }

    /** The container stopped: deliveries still out will not be committed, the sink may give them up. */
    default void containerStopped() {}
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
  private DeliveringSink delivering;
  /**
   * Deliveries out, whether this container paused its consumer for them, and the run they belong to (a stop ends a
   * run: what completes later is not committed and counts no more): guarded by {@code this}.
   */
  private int inFlight;
  private boolean pausedForDeliveries;
  private long run;
  private volatile String failedDelivery;
  /** The commit of the last batch handed to a delivering sink: the next batch's commit waits for it. */
  private volatile CompletableFuture<Void> lastCommit = CompletableFuture.completedFuture(null);

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

  /** A container whose sink delivers on its own threads, one batch at a time; see the class comment. */
  public SinkContainer(Settings settings, ConsumerFactory<byte[], byte[]> consumers, DeliveringSink sink) {
    this(settings, consumers, sink, 1);
  }

  /** A container whose sink delivers on its own threads, up to {@code maxInFlight} batches at once. */
  public SinkContainer(Settings settings, ConsumerFactory<byte[], byte[]> consumers, DeliveringSink sink,
      int maxInFlight) {
    this(settings, consumers, properties(settings, ContainerProperties.AckMode.MANUAL));
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("at least one batch must be let out, but was " + maxInFlight);
    }
    this.delivering = sink;
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
      CompletableFuture<Void> before = lastCommit;
      if (delivered.isDone() && before.isDone()) {
        ack.acknowledge();
        return;
      }
      long batchRun;
      synchronized (this) {
        batchRun = run;
        if (++inFlight >= maxInFlight && !pausedForDeliveries) {
          // nothing new until a batch is delivered; the consumer keeps polling, so it stays in its group
          pausedForDeliveries = true;
          container.pause();
        }
      }
      lastCommit = CompletableFuture.allOf(before, delivered).handle((ok, failure) -> {
        synchronized (this) {
          if (batchRun != run) {
            return null;
          }
          if (failure != null && failedDelivery == null) {
            // a sink gives up on a record by completing normally; a failure is a fault of the sink (an Error):
            // nothing is committed from this batch on, so that a restart delivers it again
            failedDelivery = reason(failure);
            LOG.error("{}: a delivery failed, nothing is committed until a restart: {}", settings.name(),
                failedDelivery, failure);
          }
          if (failedDelivery == null && revocations.get() == revokedBefore) {
            ack.acknowledge();
          }
          if (--inFlight < maxInFlight && pausedForDeliveries) {
            pausedForDeliveries = false;
            container.resume();
          }
        }
        return null;
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

  /** What a failure comes down to, for health and logs: the message of its root cause. */
  public static String reason(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause != cause.getCause()) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }

  private void failed(Exception e) {
    String reason = reason(e);
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
    if (delivering != null) {
      delivering.containerStopped();
      synchronized (this) {
        run++;
        failedDelivery = null;
        inFlight = 0;
        pausedForDeliveries = false;
      }
      lastCommit = CompletableFuture.completedFuture(null);
      container.resume(); // a container stopped while paused for deliveries starts again unpaused
    }
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
    String failed = failedDelivery;
    if (failed != null) {
      return StageHealth.down("a delivery failed, nothing is committed until a restart: " + failed);
    }
    String failure = retrying;
    if (failure == null && delivering != null) {
      failure = delivering.retrying();
    }
    if (failure != null) {
      return StageHealth.retrying("retrying: " + failure);
    }
    if (System.currentTimeMillis() - notPollingSeenAt < 2_000L * MONITOR_SECONDS) {
      return StageHealth.down("its consumer has not polled for " + notPollingFor / 1000 + " s");
    }
    return StageHealth.up("running");
  }
}
