package io.choreography.tracker.service.alerting;

import io.choreography.tracker.service.kafka.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds {@link OpenIncidents} from the whole incident topic at every start (the topic is the source of truth)
 * and follows it. Every tracker process reads every partition (no consumer group, nothing committed), so each
 * reports the same totals: alert rules aggregate with {@code max}.
 *
 * <p>A plain {@link TopicReader}, not a listener container: it has nothing to commit and no group, it waits for the
 * topic to exist (the tracking topology creates it) and then assigns every partition from the beginning, while a
 * container assigns a fixed partition list given when it is built; and it publishes the gauges after every poll,
 * also an empty one.
 */
final class OpenIncidentsReader {

  private static final Logger LOG = LoggerFactory.getLogger(OpenIncidentsReader.class);
  private static final long PUBLISH_EVERY_MS = 1_000;

  private final String topic;
  private final OpenIncidents incidents;
  private final TopicReader reader;
  private long lastPublish;

  OpenIncidentsReader(String topic, Map<String, Object> consumerProperties, OpenIncidents incidents) {
    this.topic = topic;
    this.incidents = incidents;
    this.reader = new TopicReader("tracker-open-incidents", "open-incident gauges", consumerProperties,
        this::assignAll, this::apply);
  }

  void start() {
    reader.start();
  }

  void stop() {
    reader.stop();
  }

  boolean isRunning() {
    return reader.isRunning();
  }

  private void apply(ConsumerRecords<byte[], byte[]> records) {
    for (ConsumerRecord<byte[], byte[]> r : records) {
      try {
        incidents.apply(IncidentEvent.parse(r.value()));
      } catch (RuntimeException e) {
        LOG.debug("skipping record {}-{}-{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
      }
    }
    if (System.currentTimeMillis() - lastPublish >= PUBLISH_EVERY_MS) {
      incidents.publish();
      lastPublish = System.currentTimeMillis();
    }
  }

  /** Waits for the topic to exist (the tracking topology creates it), then reads all of it from the start. */
  private void assignAll(Consumer<byte[], byte[]> c, BooleanSupplier running) throws InterruptedException {
    boolean told = false;
    while (running.getAsBoolean()) {
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
