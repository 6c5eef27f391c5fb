package io.choreography.tracker.service.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Records on their way to Elasticsearch: business records the forwarder's group has not committed yet, plus intake
 * records the event indexer's group has not. Read from the broker (committed offsets against log ends) every few
 * seconds, so the figure stays true when a consumer is dead, which is when it matters most.
 */
public final class PipelineLag implements AutoCloseable {

  private static final long REQUEST_SECONDS = 10;

  private final Admin admin;
  private final String forwarderGroup;
  private final Supplier<Map<String, Integer>> businessTopics;
  private final String indexerGroup;
  private final String intakeTopic;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tracker-pipeline-lag");
    t.setDaemon(true);
    return t;
  });
  private volatile long records = -1;

  public PipelineLag(Admin admin, String forwarderGroup, Supplier<Map<String, Integer>> businessTopics,
      String indexerGroup, String intakeTopic) {
    this.admin = admin;
    this.forwarderGroup = forwarderGroup;
    this.businessTopics = businessTopics;
    this.indexerGroup = indexerGroup;
    this.intakeTopic = intakeTopic;
  }

  public void start(Duration every) {
    scheduler.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The last figure, -1 before the first or while the broker cannot be asked. */
  public long records() {
    return records;
  }

  private void refresh() {
    try {
      Map<String, Integer> business = businessTopics.get();
      long lag = business == null ? 0 : lag(forwarderGroup, business);
      Map<String, Integer> intake = new HashMap<>();
      admin.describeTopics(java.util.List.of(intakeTopic)).allTopicNames().get(REQUEST_SECONDS, TimeUnit.SECONDS)
          .forEach((name, d) -> intake.put(name, d.partitions().size()));
      records = lag + lag(indexerGroup, intake);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      records = -1;
    }
  }

  private long lag(String group, Map<String, Integer> topics) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get(REQUEST_SECONDS, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    topics.forEach((topic, partitions) -> {
      for (int p = 0; p < partitions; p++) {
        TopicPartition tp = new TopicPartition(topic, p);
        latest.put(tp, OffsetSpec.latest());
        if (committed.get(tp) == null) {
          earliest.put(tp, OffsetSpec.earliest());
        }
      }
    });
    if (latest.isEmpty()) {
      return 0;
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        admin.listOffsets(latest).all().get(REQUEST_SECONDS, TimeUnit.SECONDS);
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = earliest.isEmpty() ? Map.of()
        : admin.listOffsets(earliest).all().get(REQUEST_SECONDS, TimeUnit.SECONDS);
    long lag = 0;
    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
      OffsetAndMetadata c = committed.get(e.getKey());
      long from = c != null ? c.offset() : starts.get(e.getKey()).offset();
      lag += Math.max(0, e.getValue().offset() - from);
    }
    return lag;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    admin.close(Duration.ofSeconds(5));
  }
}
