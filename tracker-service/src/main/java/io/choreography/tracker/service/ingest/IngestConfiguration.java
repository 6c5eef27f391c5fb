package io.choreography.tracker.service.ingest;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.choreography.tracker.rules.extract.RecordExtractor;
import io.choreography.tracker.service.config.TrackerProperties;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import io.choreography.tracker.service.elasticsearch.IndexTemplates;
import io.choreography.tracker.service.local.LocalInfrastructure;
import io.choreography.tracker.service.redaction.PayloadRedactor;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.elasticsearch.client.RestClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the event-indexing pipeline. */
@Configuration(proxyBeanMethods = false)
public class IngestConfiguration {

  @Bean
  public IndexTemplates indexTemplates(RestClient restClient, IndexNames names) {
    return new IndexTemplates(restClient, names);
  }

  @Bean
  public IngestMetrics ingestMetrics(MeterRegistry registry) {
    return new IngestMetrics(registry);
  }

  @Bean(destroyMethod = "close")
  public DeadLetterPublisher deadLetterPublisher(KafkaProperties kafka, TrackerProperties tracker,
      ObjectProvider<LocalInfrastructure> local) {
    local.ifAvailable(l -> {});
    Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "tracker-dead-letter");
    return new DeadLetterPublisher(props, tracker.ingest().deadLetterTopic());
  }

  @Bean
  public EventIngestor eventIngestor(TrackerProperties tracker, KafkaProperties kafka, RecordExtractor extractor,
      IndexNames names, ElasticsearchClient client, IndexTemplates templates, DeadLetterPublisher deadLetters,
      IngestMetrics metrics, ObjectProvider<LocalInfrastructure> local, ObjectProvider<PayloadRedactor> redactor) {
    local.ifAvailable(l -> {});
    Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
    TrackerProperties.Ingest ingest = tracker.ingest();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, ingest.groupId());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, ingest.maxBatch());
    props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) ingest.topicRefresh().toMillis());
    // Events of aborted transactions never happened.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tracker-indexer");
    EventIngestor.Settings settings = new EventIngestor.Settings(tracker.topicPattern(),
        tracker.unmatched() == TrackerProperties.Unmatched.INDEX, props);
    return new EventIngestor(settings, extractor, new EventDocumentMapper(names, ingest.maxPayloadBytes(),
        redactor.getIfAvailable()), client,
        templates, deadLetters, metrics);
  }

  /** Starts consuming once the application context is up, stops first on shutdown. */
  @Bean
  public SmartLifecycle eventIngestorLifecycle(EventIngestor ingestor) {
    return new SmartLifecycle() {
      @Override
      public void start() {
        ingestor.start();
      }

      @Override
      public void stop() {
        ingestor.stop();
      }

      @Override
      public boolean isRunning() {
        return ingestor.isRunning();
      }
    };
  }
}
