package io.choreography.tracker.service.ingest;

import io.choreography.tracker.service.kafka.AdminClients;
import io.choreography.tracker.service.local.TopicCreation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Creates the intake topic when it does not exist: as many partitions as the tracking topology may run tasks (each
 * task owns the traces of one partition), records up to {@link IngestConfiguration#MAX_RECORD_BYTES}.
 */
public final class IntakeTopic {

  private final KafkaProperties kafka;
  private final String topic;
  private final int partitions;
  private volatile boolean ready;
  private volatile int actual;

  public IntakeTopic(KafkaProperties kafka, String topic, int partitions) {
    this.kafka = kafka;
    this.topic = topic;
    this.partitions = partitions;
  }

  /** Creates the topic unless it exists (once per process); throws while Kafka cannot be reached. */
  public void ensure() throws Exception {
    if (ready) {
      return;
    }
    try (Admin admin = Admin.create(AdminClients.properties(kafka, "tracker-topics"))) {
      NewTopic intake = new NewTopic(topic, Optional.of(partitions), Optional.empty())
          .configs(Map.of("max.message.bytes", Integer.toString(IngestConfiguration.MAX_RECORD_BYTES)));
      TopicCreation.createAndAwait(admin, List.of(intake), Duration.ofSeconds(60));
      actual = admin.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS).get(topic)
          .partitions().size();
    }
    ready = true;
  }

  /**
   * How many partitions the topic has (an existing one keeps its own count), hence how many tracking tasks there
   * are; the configured count until {@link #ensure} found out.
   */
  public int partitions() {
    return actual > 0 ? actual : partitions;
  }
}
