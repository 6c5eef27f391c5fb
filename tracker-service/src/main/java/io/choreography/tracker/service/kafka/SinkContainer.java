package io.choreography.tracker.service.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.event.NonResponsiveConsumerEvent;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
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
 */
public final class SinkContainer implements SmartLifecycle, StageHealth.Stage {

  private static final Logger LOG = LoggerFactory.getLogger(SinkContainer.class);

  /** What a sink does with a batch of records; see the class comment for when it may throw. */
  @FunctionalInterface
  public interface Sink {
    void accept(List<ConsumerRecord<byte[], byte[]>> records) throws Exception;
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

  private volatile String retrying;
  private volatile long lastBatchAt;
  private volatile long notPollingFor;
  private volatile long notPollingSeenAt;

  public SinkContainer(Settings settings, ConsumerFactory<byte[], byte[]> consumers, Sink sink) {
    this.settings = settings;
    ContainerProperties p = new ContainerProperties(settings.topics().toArray(String[]::new));
    p.setAckMode(ContainerProperties.AckMode.BATCH);
    p.setSyncCommits(false); // the documents are whole and their ids deterministic: a lost commit only rewrites
    p.setIdleBetweenPolls(settings.idleBetweenPolls().toMillis());
    p.setMicrometerEnabled(true);
    // a consumer thread that has not polled for 3 x 10 s is reported (health DOWN), e.g. blocked in a sink
    p.setMonitorInterval(MONITOR_SECONDS);
    p.setMessageListener((BatchMessageListener<byte[], byte[]>) records -> {
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
      lastBatchAt = System.currentTimeMillis();
      if (retrying != null) {
        LOG.info("{}: writing works again", settings.name());
        retrying = null;
      }
    });
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
