package io.choreography.tracker.service.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;

/**
 * The thread of a component that polls a consumer in a loop: started once, stopped by waking its consumer, and
 * observable (running = asked to run; alive = the thread has not died), which health reports.
 */
public final class ConsumerThread {

  private final String name;
  private final boolean daemon;
  private final Duration stopTimeout;
  private volatile boolean running;
  private volatile Thread thread;
  private volatile Consumer<?, ?> consumer;

  /** A thread that the JVM waits for at exit, given 30 s to stop. */
  public ConsumerThread(String name) {
    this(name, false, Duration.ofSeconds(30));
  }

  /** @param daemon true for a thread that must not keep the JVM alive (readers that hold nothing unwritten) */
  public ConsumerThread(String name, boolean daemon, Duration stopTimeout) {
    this.name = name;
    this.daemon = daemon;
    this.stopTimeout = stopTimeout;
  }

  public synchronized void start(Runnable loop) {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(loop, name);
    thread.setDaemon(daemon);
    thread.start();
  }

  /** Asks the loop to end, wakes its consumer out of a poll, and waits for the thread. */
  public void stop() {
    stop(() -> {});
  }

  /** The same, running {@code afterWakeup} (e.g. stopping what the loop waits for) before waiting for the thread. */
  public synchronized void stop(Runnable afterWakeup) {
    running = false;
    Consumer<?, ?> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    afterWakeup.run();
    Thread t = thread;
    if (t != null) {
      try {
        t.join(stopTimeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** True while the loop is asked to run. */
  public boolean running() {
    return running;
  }

  /** False once the thread died. */
  public boolean alive() {
    Thread t = thread;
    return t != null && t.isAlive();
  }

  /** Called by the loop once its consumer exists, so that {@link #stop()} can wake it. */
  public void consuming(Consumer<?, ?> c) {
    consumer = c;
  }

  /** Called by the loop when it ends, for whatever reason. */
  public void ended() {
    consumer = null;
    running = false;
  }

  /** What a loop does with its consumer: subscribe or assign, then poll while {@link #running()}. */
  public interface Polling {
    void poll(KafkaConsumer<byte[], byte[]> consumer);
  }

  /**
   * The whole body of a loop that polls a consumer of bytes made of {@code properties}: the consumer registered for
   * {@link #stop()}, a wakeup (stopping) ending it quietly, any other failure logged as {@code what} stopping
   * unexpectedly, and the loop marked ended whatever happens.
   */
  public void consume(Map<String, Object> properties, Polling polling, Logger log, String what) {
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consuming(c);
      polling.poll(c);
    } catch (WakeupException e) {
      // stopping
    } catch (RuntimeException e) {
      log.error("{} stopped unexpectedly", what, e);
    } finally {
      ended();
    }
  }
}
