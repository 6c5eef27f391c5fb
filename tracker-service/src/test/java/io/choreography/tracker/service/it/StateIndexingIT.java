package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.choreography.tracker.service.indexing.DocumentIds;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The writer of instance and incident documents against the real broker and node: changes within a flush
 * interval coalesce into one write, incident documents keep what earlier changes set, aborted transactions are
 * never indexed.
 */
@SpringBootTest
class StateIndexingIT {

  static final TestScope SCOPE = TestScope.create("state-indexing");
  static final String INSTANCES = SCOPE.instancesTopic();
  static final String INCIDENTS = SCOPE.incidentsTopic();
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCOPE.register(registry);
    registry.add("tracker.indexing.group-id", () -> SCOPE.indexPrefix() + "-state");
    registry.add("tracker.indexing.flush-interval", () -> "2s");
  }

  @BeforeAll
  static void topics() throws Exception {
    TestKafka.createTopics(SCOPE.infrastructure().kafkaBootstrapServers(), 3, List.of(INSTANCES, INCIDENTS));
  }

  @Autowired MeterRegistry registry;

  @Test
  void shouldWriteManyChangesOfOneInstanceWithinTheFlushIntervalOnce() throws Exception {
    // given
    double writesBefore = writes("instances");
    List<StateRecords.Instance> changes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      StateRecords.Instance change = new StateRecords.Instance("order-fulfillment", "coalesced", "RUNNING", T0)
          .reached("order-placed", T0, "e0", null).updated(T0.plusSeconds(i));
      if (i == 49) {
        change.reached("payment-received", T0.plusSeconds(49), "e49", 49_000L).status("COMPLETED")
            .ended(T0.plusSeconds(49));
      }
      changes.add(change);
    }

    // when
    try (StateRecords records = records()) {
      records.commit(changes, List.of(), null, T0);
    }

    // then
    try (TestElasticsearch es = es()) {
      await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> instance(es, "coalesced") != null);
      Thread.sleep(3_000); // a second write would come within one more flush interval
      JsonNode doc = instance(es, "coalesced");
      assertThat(doc.path("status").asString()).isEqualTo("COMPLETED");
      assertThat(doc.path("updatedAt").asString()).isEqualTo(T0.plusSeconds(49).toString());
      assertThat(doc.path("reachedSteps").size()).isEqualTo(2);
      assertThat(writes("instances") - writesBefore).isEqualTo(1.0);
      assertThat(es.ids(SCOPE.indexPrefix() + "-instances"))
          .contains(DocumentIds.instance("order-fulfillment", "coalesced"));
    }
  }

  @Test
  void shouldKeepOpenedAndAcknowledgedTimesThroughUpdateAndResolve() throws Exception {
    // given
    Instant opened = T0.plusSeconds(300);
    Instant acknowledged = T0.plusSeconds(600);
    Instant resolved = T0.plusSeconds(900);
    StateRecords.Incident open = new StateRecords.Incident("inc-1", "UNEXPECTED", "OPEN", "order-fulfillment",
        "incident-trace", "payment-received", opened, null, null, "payment-received reached again", 1);
    StateRecords.Incident updated = new StateRecords.Incident("inc-1", "UNEXPECTED", "ACKNOWLEDGED",
        "order-fulfillment", "incident-trace", "payment-received", opened, acknowledged, null,
        "payment-received reached again", 2);
    StateRecords.Incident closed = new StateRecords.Incident("inc-1", "UNEXPECTED", "RESOLVED",
        "order-fulfillment", "incident-trace", "payment-received", opened, acknowledged, resolved,
        "payment-received reached again", 2);

    // when
    try (StateRecords records = records()) {
      records.commit(List.of(), List.of(open), "OPENED", opened);
      try (TestElasticsearch es = es()) {
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> incident(es, "inc-1") != null);
      }
      records.commit(List.of(), List.of(updated), "UPDATED", acknowledged);
      records.commit(List.of(), List.of(closed), "RESOLVED", resolved);
    }

    // then
    try (TestElasticsearch es = es()) {
      await().ignoreExceptions().atMost(Duration.ofSeconds(30))
          .until(() -> "RESOLVED".equals(incident(es, "inc-1").path("status").asString()));
      JsonNode doc = incident(es, "inc-1");
      assertThat(doc.path("openedAt").asString()).isEqualTo(opened.toString());
      assertThat(doc.path("acknowledgedAt").asString()).isEqualTo(acknowledged.toString());
      assertThat(doc.path("resolvedAt").asString()).isEqualTo(resolved.toString());
      assertThat(doc.path("count").asLong()).isEqualTo(2);
      assertThat(doc.path("updatedAt").asString()).isEqualTo(resolved.toString());
    }
  }

  @Test
  void shouldNeverIndexChangesOfAbortedTransactions() throws Exception {
    // given
    StateRecords.Instance aborted = new StateRecords.Instance("order-fulfillment", "aborted", "RUNNING", T0);
    StateRecords.Instance committed = new StateRecords.Instance("order-fulfillment", "after-abort", "RUNNING", T0);

    // when
    try (StateRecords records = records()) {
      records.abort(List.of(aborted), List.of(), null, T0);
      records.commit(List.of(committed), List.of(), null, T0);
    }

    // then
    try (TestElasticsearch es = es()) {
      await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> instance(es, "after-abort") != null);
      assertThat(instance(es, "aborted")).isNull();
    }
  }

  private double writes(String kind) {
    return registry.get("tracker.elasticsearch.writes").tag("index", kind).counter().count();
  }

  private static StateRecords records() {
    return new StateRecords(SCOPE.infrastructure().kafkaBootstrapServers(), INSTANCES, INCIDENTS);
  }

  private static TestElasticsearch es() {
    return new TestElasticsearch(SCOPE.infrastructure().elasticsearchUri());
  }

  private static JsonNode instance(TestElasticsearch es, String traceId) {
    es.count(SCOPE.indexPrefix() + "-instances");
    return es.source(SCOPE.indexPrefix() + "-instances*", "traceId", traceId);
  }

  private static JsonNode incident(TestElasticsearch es, String id) {
    es.count(SCOPE.indexPrefix() + "-incidents");
    return es.source(SCOPE.indexPrefix() + "-incidents*", "id", id);
  }
}
