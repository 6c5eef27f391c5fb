package io.choreography.tracker.service.alerting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.choreography.tracker.service.kafka.ConsumerThread;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rebuilds {@link OpenIncidents} from the whole incident topic at every start (the topic is the source of truth)
 * and follows it. Every tracker process reads every partition (no consumer group, nothing committed), so each
 * reports the same totals: alert rules aggregate with {@code max}.
 */
final class OpenIncidentsReader implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(OpenIncidentsReader.class);
  private static final long PUBLISH_EVERY_MS = 1_000;

  private final String topic;
  private final Map<String, Object> consumerProperties;
  private final OpenIncidents incidents;
  private final JsonMapper json;
  private final ConsumerThread loop = new ConsumerThread("tracker-open-incidents", true, Duration.ofSeconds(5));

  OpenIncidentsReader(String topic, Map<String, Object> consumerProperties, OpenIncidents incidents,
      JsonMapper json) {
    this.topic = topic;
    this.consumerProperties = consumerProperties;
    this.incidents = incidents;
    this.json = json;
  }

  synchronized void start() {
    loop.start(this);
  }

  synchronized void stop() {
    loop.stop();
  }

  boolean isRunning() {
    return loop.running();
  }

  @Override
  public void run() {
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      loop.consuming(c);
      assignAll(c);
      long lastPublish = 0;
      while (loop.running()) {
        ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(500));
        for (ConsumerRecord<byte[], byte[]> r : records) {
          try {
            incidents.apply(IncidentEvent.parse(json, r.value()));
          } catch (RuntimeException e) {
            LOG.debug("skipping record {}-{}-{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
          }
        }
        if (System.currentTimeMillis() - lastPublish >= PUBLISH_EVERY_MS) {
          incidents.publish();
          lastPublish = System.currentTimeMillis();
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // stopping
    } catch (RuntimeException e) {
      LOG.error("open-incident gauges stopped unexpectedly", e);
    } finally {
      loop.ended();
    }
  }

  /** Waits for the topic to exist (the tracking topology creates it), then reads all of it from the start. */
  private void assignAll(KafkaConsumer<byte[], byte[]> c) throws InterruptedException {
    boolean told = false;
    while (loop.running()) {
      List<PartitionInfo> partitions = c.partitionsFor(topic, Duration.ofSeconds(10));
      if (partitions != null && !partitions.isEmpty()) {
        List<TopicPartition> all = new ArrayList<>();
        partitions.forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
        c.assign(all);
        c.seekToBeginning(all);
        return;
      }
      if (!told) {
        LOG.info("open-incident gauges wait for topic {} to exist", topic);
        told = true;
      }
      incidents.publish();
      Thread.sleep(1_000);
    }
  }
}
