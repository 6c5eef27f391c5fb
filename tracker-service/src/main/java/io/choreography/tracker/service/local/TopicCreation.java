package io.choreography.tracker.service.local;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics and waits until every partition's leader serves requests. Producing the moment a topic exists can
 * lose an idempotent producer's first request to NOT_LEADER_OR_FOLLOWER and leave its retries failing with
 * OUT_OF_ORDER_SEQUENCE_NUMBER until they expire (KAFKA-15591, fixed after the broker version used here), so the
 * demo and the tests only produce once a ListOffsets on every partition succeeds.
 */
public final class TopicCreation {

  private TopicCreation() {}

  public static void createAndAwait(Admin admin, List<NewTopic> topics, Duration timeout) throws Exception {
    admin.createTopics(topics).values().forEach((name, future) -> {
      try {
        future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e.getCause());
        }
      } catch (Exception e) {
        throw new IllegalStateException("cannot create topic " + name + ": " + e, e);
      }
    });
    List<String> names = topics.stream().map(NewTopic::name).toList();
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        boolean leaders = true;
        for (TopicDescription d : described.values()) {
          for (var p : d.partitions()) {
            leaders &= p.leader() != null;
            partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
          }
        }
        if (leaders) {
          admin.listOffsets(partitions).all().get(5, TimeUnit.SECONDS);
          return;
        }
      } catch (ExecutionException e) {
        last = e;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("topics " + names + " not ready within " + timeout, last);
  }
}
