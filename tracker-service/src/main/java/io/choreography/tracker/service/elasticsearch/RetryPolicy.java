package io.choreography.tracker.service.elasticsearch;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exponential backoff for writes while Elasticsearch is down or pushing back. Never drops anything: it waits,
 * and only gives up (with {@link InterruptedException}) when the caller is shutting down.
 */
public final class RetryPolicy {

  private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

  private final Duration initial;
  private final Duration max;
  private final BooleanSupplier running;
  private volatile Throwable lastFailure;

  public RetryPolicy(Duration initial, Duration max, BooleanSupplier running) {
    this.initial = initial;
    this.max = max;
    this.running = running;
  }

  /** How long to wait before the given retry (1 = first retry): doubling from the initial delay up to the maximum. */
  public long delayMillis(int attempt) {
    return Math.min(max.toMillis(), initial.toMillis() << Math.min(Math.max(attempt, 1) - 1, 20));
  }

  /** Sleeps before the given retry (1 = first retry). */
  void pause(int attempt) throws InterruptedException {
    long delay = delayMillis(attempt);
    long until = System.currentTimeMillis() + delay;
    while (System.currentTimeMillis() < until) {
      if (!running.getAsBoolean()) {
        throw new InterruptedException("shutting down while Elasticsearch writes were pending");
      }
      Thread.sleep(Math.min(100, Math.max(1, until - System.currentTimeMillis())));
    }
  }

  public void failed(Throwable e) {
    if (lastFailure == null || !String.valueOf(lastFailure.getMessage()).equals(String.valueOf(e.getMessage()))) {
      LOG.warn("Elasticsearch write failed, retrying with backoff: {}", e.toString());
    }
    lastFailure = e;
  }

  public void succeeded() {
    if (lastFailure != null) {
      LOG.info("Elasticsearch writes succeed again");
    }
    lastFailure = null;
  }

  /** The failure of the last attempt, or null when the last attempt succeeded. */
  public Throwable lastFailure() {
    return lastFailure;
  }
}
