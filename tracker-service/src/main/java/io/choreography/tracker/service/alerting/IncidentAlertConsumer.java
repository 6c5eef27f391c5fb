package io.choreography.tracker.service.alerting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import io.choreography.tracker.service.kafka.ConsumerThread;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the incident topic (committed records only) and hands every incident event to each sink that wants it (the
 * webhooks' workers, or Alertmanager). Offsets are committed only after every sink delivered or gave up on the whole
 * batch: at least once. While the sinks are busy the partitions are paused and polling goes on, so the group keeps
 * its members.
 */
final class IncidentAlertConsumer implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentAlertConsumer.class);

  private final String topic;
  private final Map<String, Object> consumerProperties;
  private final List<? extends IncidentSink> workers;
  private final JsonMapper json;
  private final ConsumerThread loop;
  private volatile boolean waiting;

  /** @param threadName the name of the consumer's thread, e.g. {@code tracker-incident-alerts} */
  IncidentAlertConsumer(String threadName, String topic, Map<String, Object> consumerProperties,
      List<? extends IncidentSink> workers, JsonMapper json) {
    this.topic = topic;
    this.consumerProperties = consumerProperties;
    this.workers = workers;
    this.json = json;
    this.loop = new ConsumerThread(threadName, false, Duration.ofSeconds(10));
  }

  synchronized void start() {
    workers.forEach(IncidentSink::start);
    loop.start(this);
  }

  synchronized void stop() {
    loop.stop(() -> workers.forEach(IncidentSink::stop));
  }


  boolean isRunning() {
    return loop.running();
  }

  @Override
  public void run() {
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      loop.consuming(c);
      c.subscribe(List.of(topic), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          if (!partitions.isEmpty()) {
            workers.forEach(IncidentSink::partitionsRevoked);
          }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          if (waiting) {
            c.pause(partitions); // nothing new until the batch in hand is delivered
          }
        }
      });
      while (loop.running()) {
        ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          process(c, records);
        }
      }
    } catch (WakeupException e) {
      // stopping: what was not committed is read again at the next start
    } catch (RuntimeException e) {
      LOG.error("incident alerting stopped unexpectedly", e);
    } finally {
      loop.ended();
    }
  }

  private void process(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
      IncidentEvent event;
      try {
        event = IncidentEvent.parse(json, r.value());
      } catch (RuntimeException e) {
        LOG.warn("skipping record {}-{}-{} of {}: {}", r.topic(), r.partition(), r.offset(), topic, e.getMessage());
        continue;
      }
      for (IncidentSink w : workers) {
        if (w.wants(event)) {
          pending.add(w.submit(event));
        }
      }
    }
    awaitDeliveries(c, pending);
    if (!loop.running()) {
      return;
    }
    offsets.keySet().retainAll(c.assignment());
    try {
      c.commitSync(offsets);
    } catch (KafkaException e) {
      if (e instanceof WakeupException w) {
        throw w;
      }
      // the partitions moved: their new owner notifies again, with the same idempotency keys
      LOG.info("incident alert offsets not committed after a rebalance: {}", e.toString());
    }
  }

  private void awaitDeliveries(KafkaConsumer<byte[], byte[]> c, List<CompletableFuture<Void>> pending) {
    CompletableFuture<Void> all = CompletableFuture.allOf(pending.toArray(new CompletableFuture[0]));
    if (all.isDone()) {
      return;
    }
    waiting = true;
    try {
      c.pause(c.assignment());
      while (loop.running() && !all.isDone()) {
        c.poll(Duration.ofMillis(200)); // keeps the membership; paused partitions return nothing
      }
    } finally {
      waiting = false;
      c.resume(c.paused());
    }
  }
}
