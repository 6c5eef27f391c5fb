package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.service.elasticsearch.IndexNames;
import io.choreography.tracker.service.elasticsearch.IndexTemplates;
import io.choreography.tracker.service.indexing.IndexWrites;
import io.choreography.tracker.service.elasticsearch.BulkWriter;
import io.choreography.tracker.service.indexing.IndexingConfiguration;
import io.choreography.tracker.service.indexing.IndexingProperties;
import io.choreography.tracker.service.kafka.SinkContainer;
import io.choreography.tracker.service.kafka.StageHealth;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Elasticsearch down while instance changes arrive, and the writer restarted during the outage: nothing is
 * committed meanwhile, nothing is lost, and once Elasticsearch answers again every instance is written once, in
 * its latest state, and the offsets move.
 */
class StateIndexingOutageIT {

  static final TestScope SCOPE = TestScope.create("state-outage");
  static final String INSTANCES = SCOPE.instancesTopic();
  static final String INCIDENTS = SCOPE.incidentsTopic();
  static final String GROUP = SCOPE.indexPrefix() + "-state";
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  static final int INSTANCE_COUNT = 100;

  @Test
  void shouldLoseNothingAndCommitNothingWhileElasticsearchIsDown() throws Exception {
    // given
    String bootstrap = SCOPE.infrastructure().kafkaBootstrapServers();
    TestKafka.createTopics(bootstrap, 3, List.of(INSTANCES, INCIDENTS));
    URI node = URI.create(SCOPE.infrastructure().elasticsearchUri());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    IndexWrites writes = new IndexWrites(registry);
    try (SwitchableProxy elasticsearch = new SwitchableProxy(freePort(), node.getHost(), node.getPort());
        RestClient rest = RestClient.builder(HttpHost.create(elasticsearch.uri())).build();
        StateRecords records = new StateRecords(bootstrap, INSTANCES, INCIDENTS);
        TestElasticsearch es = new TestElasticsearch(node.toString());
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      IndexNames names = new IndexNames(SCOPE.indexPrefix());
      IndexTemplates templates = new IndexTemplates(rest, names);
      SinkContainer first = writer(bootstrap, names, rest, templates, writes, registry);

      // when: five changes of each instance arrive while Elasticsearch is down
      first.start();
      for (int version = 1; version <= 5; version++) {
        records.commit(versions(INSTANCE_COUNT, version), List.of(), null, T0);
      }
      await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> retrying(first));
      Thread.sleep(3_000);

      // then: nothing committed, nothing written
      assertThat(committed(admin)).isEmpty();

      // when: the writer restarts during the outage (its buffer is gone) and one more change arrives for ten
      first.stop();
      SinkContainer second = writer(bootstrap, names, rest, templates, writes, registry);
      second.start();
      try {
        records.commit(versions(10, 6), List.of(), null, T0);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> retrying(second));
        Thread.sleep(2_000);
        assertThat(committed(admin)).isEmpty();
        assertThat(es.count(SCOPE.indexPrefix() + "-instances")).isZero();

        // when: Elasticsearch is back
        elasticsearch.up();

        // then: every instance in its latest state, written once, and the offsets of all 510 records committed
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .until(() -> es.count(SCOPE.indexPrefix() + "-instances") == INSTANCE_COUNT);
        for (int i = 0; i < INSTANCE_COUNT; i++) {
          JsonNode doc = es.source(SCOPE.indexPrefix() + "-instances", "traceId", "outage-" + i);
          int latest = i < 10 ? 6 : 5;
          assertThat(doc.path("updatedAt").asString()).as("instance %d", i)
              .isEqualTo(T0.plusSeconds(latest).toString());
        }
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> committedRecords(admin) >= 510);
        assertThat(registry.get("tracker.elasticsearch.writes").tag("index", "instances").counter().count())
            .isEqualTo(INSTANCE_COUNT);
        assertThat(second.health().state()).isEqualTo(StageHealth.State.UP);
      } finally {
        second.stop();
      }
    }
  }

  private static List<StateRecords.Instance> versions(int count, int version) {
    List<StateRecords.Instance> changes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      changes.add(new StateRecords.Instance("order-fulfillment", "outage-" + i, "RUNNING", T0)
          .reached("order-placed", T0, "e-" + i, null).updated(T0.plusSeconds(version)));
    }
    return changes;
  }

  private static boolean retrying(SinkContainer writer) {
    return writer.health().state() == StageHealth.State.OUT_OF_SERVICE;
  }

  private static SinkContainer writer(String bootstrap, IndexNames names, RestClient rest, IndexTemplates templates,
      IndexWrites writes, SimpleMeterRegistry registry) {
    IndexingProperties indexing = new IndexingProperties(true, INSTANCES, INCIDENTS, "tracker.drift", GROUP, Duration.ofMillis(500),
        20_000);
    return IndexingConfiguration.stateWriter(indexing, consumerProperties(bootstrap), names, new BulkWriter(rest),
        templates, writes, JsonMapper.builder().build(), registry);
  }

  private static Map<String, Object> consumerProperties(String bootstrap) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    return props;
  }

  private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
        .forEach((tp, o) -> {
          if (o != null) {
            offsets.put(tp, o);
          }
        });
    return offsets;
  }

  /**
   * Records covered by the committed offsets: each transaction adds a commit marker, which takes an offset too,
   * so this counts markers as well and is compared with at least the number of records.
   */
  private static long committedRecords(Admin admin) throws Exception {
    return committed(admin).values().stream().mapToLong(OffsetAndMetadata::offset).sum();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
