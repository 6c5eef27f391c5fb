package io.choreography.tracker.service.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain consumer without a group that reads and never commits, polled on a daemon thread of its own, for a reader
 * that assigns partitions itself once they exist (the open-incident gauges' rebuild from the start of the topic):
 * where it starts reading is the reader's; the poll loop, the wake-up at stop and the report of an unexpected end
 * are here. What consumes in a group runs in a {@link SinkContainer} instead.
 */
public final class TopicReader {

  private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  /** Where the reader starts: subscribes or assigns and seeks; may wait (while {@code running}) for its topics. */
  @FunctionalInterface
  public interface Start {
    void position(Consumer<byte[], byte[]> consumer, BooleanSupplier running) throws InterruptedException;
  }

  /** What the reader does with each poll's records, also with none (e.g. publish what it counted). */
  @FunctionalInterface
  public interface Batch {
    void accept(ConsumerRecords<byte[], byte[]> records);
  }

  private final String name;
  private final String what;
  private final Map<String, Object> consumerProperties;
  private final Start start;
  private final Batch batch;
  private volatile boolean running;
  private volatile Thread thread;
  private volatile Consumer<?, ?> consumer;

  /**
   * @param name the thread's name
   * @param what what the reader feeds, for the log line of an unexpected end (e.g. "open-incident gauges")
   */
  public TopicReader(String name, String what, Map<String, Object> consumerProperties, Start start, Batch batch) {
    this.name = name;
    this.what = what;
    this.consumerProperties = consumerProperties;
    this.start = start;
    this.batch = batch;
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, name);
    thread.setDaemon(true); // it holds nothing unwritten
    thread.start();
  }

  /** Asks the loop to end, wakes its consumer out of a poll, and waits for the thread. */
  public synchronized void stop() {
    running = false;
    Consumer<?, ?> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    Thread t = thread;
    if (t != null) {
      try {
        t.join(STOP_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** True while the loop is asked to run and has not ended. */
  public boolean isRunning() {
    return running;
  }

  private void run() {
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer = c;
      start.position(c, () -> running);
      while (running) {
        batch.accept(c.poll(POLL));
      }
    } catch (WakeupException | InterruptedException e) {
      // stopping
    } catch (RuntimeException e) {
      LOG.error("{} stopped unexpectedly", what, e);
    } finally {
      consumer = null;
      running = false;
    }
  }
}
