package io.choreography.tracker.service.indexing;

import io.choreography.tracker.service.config.TrackerProperties;
import io.choreography.tracker.service.elasticsearch.BulkWriter;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import io.choreography.tracker.service.elasticsearch.IndexTemplates;
import io.choreography.tracker.service.ingest.IngestConfiguration;
import io.choreography.tracker.service.kafka.SinkContainer;
import io.choreography.tracker.service.local.LocalInfrastructure;
import io.choreography.tracker.service.stream.LiveFeed;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.elasticsearch.client.RestClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import tools.jackson.databind.json.JsonMapper;

/** Wiring of the Elasticsearch writers: event documents from the intake topic, instances and incidents. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IndexingProperties.class)
public class IndexingConfiguration {

  /** The writers start after the forwarder and the topology they read from, and stop before them. */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 50;

  @Bean
  public IndexWrites indexWrites(MeterRegistry registry) {
    return new IndexWrites(registry);
  }

  @Bean
  public BulkWriter bulkWriter(RestClient client) {
    return new BulkWriter(client);
  }

  /** The event documents of the intake topic, written as the forwarder built them. */
  @Bean
  public SinkContainer eventIndexer(TrackerProperties tracker, KafkaProperties kafka, BulkWriter writer,
      IndexTemplates templates, IndexWrites writes, MeterRegistry registry, ObjectProvider<LiveFeed> feed,
      ObjectProvider<LocalInfrastructure> local) {
    local.ifAvailable(l -> {});
    TrackerProperties.Ingest ingest = tracker.ingest();
    Map<String, Object> props = consumerProperties(kafka, ingest.indexerGroupId(), "tracker-event-indexer");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, ingest.maxBatch());
    EventDeadLetters deadLetters = new EventDeadLetters(deadLetterProducer(kafka, registry), ingest.deadLetterTopic(),
        IngestConfiguration.MAX_RECORD_BYTES, new OriginalRecords(kafka.buildConsumerProperties()));
    return new SinkContainer(
        new SinkContainer.Settings("event-indexer", List.of(ingest.intakeTopic()), Duration.ZERO, PHASE),
        consumers(props, registry), new EventIndexingSink(writer, templates, deadLetters, writes, feed.getIfAvailable()),
        EventIndexingSink.BULKS_IN_FLIGHT);
  }

  /** Instances and incidents from the tracking topology's topics. */
  @Bean
  @ConditionalOnProperty(name = "tracker.indexing.enabled", havingValue = "true", matchIfMissing = true)
  public SinkContainer stateWriter(IndexingProperties indexing, KafkaProperties kafka, IndexNames names,
      BulkWriter writer, IndexTemplates templates, IndexWrites writes, JsonMapper json, MeterRegistry registry,
      ObjectProvider<LocalInfrastructure> local) {
    local.ifAvailable(l -> {});
    Map<String, Object> props = consumerProperties(kafka, indexing.groupId(), "tracker-state-writer");
    return stateWriter(indexing, props, names, writer, templates, writes, json, registry);
  }

  /** The longest a fetch of the state writer waits at the broker for its batch to fill. */
  static final Duration MAX_FETCH_WAIT = Duration.ofSeconds(5);
  /**
   * How much a fetch of the state writer waits for before the flush interval has passed: so much (about 10,000
   * instance changes) that at the rates measured the interval decides, while a burst is still written in batches.
   */
  static final int FETCH_MIN_BYTES = 16 * 1024 * 1024;

  /** The state writer with its collaborators; also used by tests that point it at their own Elasticsearch. */
  public static SinkContainer stateWriter(IndexingProperties indexing, Map<String, Object> consumerProperties,
      IndexNames names, BulkWriter writer, IndexTemplates templates, IndexWrites writes, JsonMapper json,
      MeterRegistry registry) {
    Map<String, Object> props = new HashMap<>(consumerProperties);
    // what came in during one flush interval is one batch: let a poll return all of it
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, indexing.maxBuffered());
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    // The broker gathers the batch: it answers a fetch once the flush interval has passed (or FETCH_MIN_BYTES wait),
    // with everything written until then. Waiting between polls instead would answer with what the fetch sent right
    // after the last poll (the consumer sends the next fetch before it returns), so a change written just after it
    // would wait two intervals. Measured at 1 s (docs/performance.md): instance documents searchable p99 6.9 s with
    // the wait between polls, 5.1 s with the broker's. A fetch waits at most MAX_FETCH_WAIT, well within the
    // consumer's request timeout; a longer flush interval waits the rest between polls.
    long fetchWait = Math.min(indexing.flushInterval().toMillis(), MAX_FETCH_WAIT.toMillis());
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) fetchWait);
    props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES);
    return new SinkContainer(new SinkContainer.Settings("state-writer",
        List.of(indexing.instancesTopic(), indexing.incidentsTopic(), indexing.driftTopic()),
        indexing.flushInterval().minusMillis(fetchWait), PHASE),
        consumers(props, registry), stateWriterSink(indexing, names, writer, templates, writes));
  }

  /** What the state writer does with a batch of records, without its container; also used by the benchmarks. */
  public static SinkContainer.Sink stateWriterSink(IndexingProperties indexing, IndexNames names, BulkWriter writer,
      IndexTemplates templates, IndexWrites writes) {
    return new StateWriterSink(indexing.instancesTopic(), indexing.driftTopic(),
        new InstanceDocuments(names.instancesIndex()), new IncidentDocuments(names.incidentsIndex()),
        new DriftDocuments(names.driftIndex()), writer, templates, writes);
  }

  private static Map<String, Object> consumerProperties(KafkaProperties kafka, String group, String clientId) {
    Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // the tracker writes its topics in exactly-once transactions: records of aborted ones never happened
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // the tracker's own topics are created by their writers, with their partition counts: a reader must not
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return props;
  }

  private static DefaultKafkaConsumerFactory<byte[], byte[]> consumers(Map<String, Object> props,
      MeterRegistry registry) {
    DefaultKafkaConsumerFactory<byte[], byte[]> f = new DefaultKafkaConsumerFactory<>(props,
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    f.addListener(new MicrometerConsumerListener<>(registry));
    return f;
  }

  private static KafkaTemplate<byte[], byte[]> deadLetterProducer(KafkaProperties kafka, MeterRegistry registry) {
    Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, IngestConfiguration.MAX_RECORD_BYTES);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "tracker-dead-letter");
    DefaultKafkaProducerFactory<byte[], byte[]> f = new DefaultKafkaProducerFactory<>(props,
        new ByteArraySerializer(), new ByteArraySerializer());
    f.addListener(new MicrometerProducerListener<>(registry));
    return new KafkaTemplate<>(f);
  }
}
