package io.choreography.tracker.service.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.choreography.tracker.service.elasticsearch.BulkWriter;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import io.choreography.tracker.service.elasticsearch.IndexTemplates;
import io.choreography.tracker.service.elasticsearch.RetryPolicy;
import io.choreography.tracker.service.local.LocalInfrastructure;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wiring of the writer of instance and incident documents. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IndexingProperties.class)
public class IndexingConfiguration {

  @Bean
  public IndexWrites indexWrites(MeterRegistry registry) {
    return new IndexWrites(registry);
  }

  @Bean
  @ConditionalOnProperty(name = "tracker.indexing.enabled", havingValue = "true", matchIfMissing = true)
  public StateIndexer stateIndexer(IndexingProperties indexing, KafkaProperties kafka, IndexNames names,
      ElasticsearchClient client, IndexTemplates templates, IndexWrites writes, JsonMapper json,
      MeterRegistry registry, ObjectProvider<LocalInfrastructure> local) {
    local.ifAvailable(l -> {});
    Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, indexing.groupId());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // The tracker writes both topics in exactly-once transactions: aborted changes never happened.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // The topics belong to the tracking topology, which creates them with its partition count; a reader must not.
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(5_000, indexing.maxBuffered()));
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tracker-state-indexer");
    StateIndexer.Settings settings = new StateIndexer.Settings(indexing.instancesTopic(), indexing.incidentsTopic(),
        indexing.flushInterval(), indexing.maxBuffered(), props);
    StateIndexer indexer = create(settings, names, client, templates, writes, json);
    Gauge.builder("tracker.indexing.buffered", indexer, StateIndexer::buffered)
        .description("Instance and incident documents waiting for the next write").register(registry);
    return indexer;
  }

  /** The indexer with its collaborators; also used by tests that point it at their own Elasticsearch. */
  public static StateIndexer create(StateIndexer.Settings settings, IndexNames names, ElasticsearchClient client,
      IndexTemplates templates, IndexWrites writes, JsonMapper json) {
    RetryPolicy retry = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), () -> true);
    return new StateIndexer(settings, new InstanceDocuments(json, names.instancesIndex()),
        new IncidentDocuments(json, names.incidentsIndex()), new BulkWriter(client, retry), retry, templates, writes,
        Clock.systemUTC());
  }

  /** Starts consuming once the application context is up, stops first on shutdown. */
  @Bean
  @ConditionalOnProperty(name = "tracker.indexing.enabled", havingValue = "true", matchIfMissing = true)
  public SmartLifecycle stateIndexerLifecycle(StateIndexer indexer) {
    return new SmartLifecycle() {
      @Override
      public void start() {
        indexer.start();
      }

      @Override
      public void stop() {
        indexer.stop();
      }

      @Override
      public boolean isRunning() {
        return indexer.isRunning();
      }
    };
  }
}
