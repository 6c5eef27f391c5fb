package io.choreography.tracker.service.ingest;

import io.choreography.tracker.rules.extract.RecordExtractor;
import io.choreography.tracker.service.config.TrackerProperties;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import io.choreography.tracker.service.elasticsearch.IndexTemplates;
import io.choreography.tracker.service.kafka.AdminClients;
import io.choreography.tracker.service.kafka.NodeIdentity;
import io.choreography.tracker.service.local.LocalInfrastructure;
import io.choreography.tracker.service.redaction.PayloadRedactor;
import io.choreography.tracker.service.tracing.RecordSpans;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.elasticsearch.client.RestClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.transaction.KafkaTransactionManager;

/** Wiring of the forwarder: the business topics read once, into the intake topic. */
@Configuration(proxyBeanMethods = false)
public class IngestConfiguration {

  /** Largest record the tracker writes to its own topics (an event document with a truncated payload fits). */
  public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

  @Bean
  public IndexTemplates indexTemplates(RestClient restClient, IndexNames names) {
    return new IndexTemplates(restClient, names);
  }

  @Bean
  public IngestMetrics ingestMetrics(MeterRegistry registry) {
    return new IngestMetrics(registry);
  }

  @Bean
  public Forwarder forwarder(TrackerProperties tracker, KafkaProperties kafka, RecordExtractor extractor,
      IndexNames names, IngestMetrics metrics, MeterRegistry registry, ObjectProvider<LocalInfrastructure> local,
      ObjectProvider<PayloadRedactor> redactor, RecordSpans spans,
      @Value("${tracker.tracking.partitions:8}") int intakePartitions,
      @Value("${tracker.tracking.state-dir:}") String stateDir,
      @Value("${tracker.tracking.application-id:tracker-tracking}") String trackingApplicationId,
      @Value("${tracker.tracking.instances-topic:tracker.instances}") String instancesTopic,
      @Value("${tracker.tracking.incidents-topic:tracker.incidents}") String incidentsTopic) {
    local.ifAvailable(l -> {});
    TrackerProperties.Ingest ingest = tracker.ingest();

    Map<String, Object> consumerProps = new HashMap<>(kafka.buildConsumerProperties());
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, ingest.groupId());
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, ingest.maxBatch());
    // events of aborted transactions never happened
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "tracker-forwarder");
    DefaultKafkaConsumerFactory<byte[], byte[]> consumers = new DefaultKafkaConsumerFactory<>(consumerProps,
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumers.addListener(new MicrometerConsumerListener<>(registry));

    Map<String, Object> producerProps = new HashMap<>(kafka.buildProducerProperties());
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
    // as Kafka Streams: a frozen forwarder holds read_committed readers back at most this long
    producerProps.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
    producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "tracker-forwarder");
    DefaultKafkaProducerFactory<byte[], byte[]> producers = new DefaultKafkaProducerFactory<>(producerProps,
        new ByteArraySerializer(), new ByteArraySerializer());
    // unique per node and stable across its restarts: see NodeIdentity
    producers.setTransactionIdPrefix("tracker-forwarder-" + NodeIdentity.of(stateDir(tracker, stateDir)) + "-");
    producers.addListener(new MicrometerProducerListener<>(registry));
    KafkaTemplate<byte[], byte[]> template = new KafkaTemplate<>(producers);
    KafkaTransactionManager<byte[], byte[]> transactions = new KafkaTransactionManager<>(producers);
    Map<String, Object> plainProps = new HashMap<>(producerProps);
    plainProps.remove(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
    plainProps.put(ProducerConfig.CLIENT_ID_CONFIG, "tracker-watermarks");
    DefaultKafkaProducerFactory<byte[], byte[]> plain = new DefaultKafkaProducerFactory<>(plainProps,
        new ByteArraySerializer(), new ByteArraySerializer());
    plain.addListener(new MicrometerProducerListener<>(registry));

    OwnTopics own = new OwnTopics(Set.of(ingest.intakeTopic(), ingest.deadLetterTopic(), instancesTopic,
        incidentsTopic), Set.of(trackingApplicationId + "-", "tracker-stream-"));
    // one admin client for the topic list and the check of records deleted before they were read
    Admin admin = Admin.create(AdminClients.properties(kafka, "tracker-topics"));
    TopicDiscovery discovery = new TopicDiscovery(admin,
        new GuardedRegex(tracker.topicPattern(), TimeUnit.MILLISECONDS.toNanos(100)), own, ingest.topicRefresh());
    EventDocumentMapper mapper = new EventDocumentMapper(names, ingest.maxPayloadBytes(), redactor.getIfAvailable());
    RecordForwarder forwarder = new RecordForwarder(extractor, mapper,
        tracker.unmatched() == TrackerProperties.Unmatched.INDEX, ingest.intakeTopic(), metrics);
    ForwardingListener listener = new ForwardingListener(
        new ForwardingListener.Settings(ingest.intakeTopic(), ingest.deadLetterTopic(), MAX_RECORD_BYTES,
            ingest.watermarkInterval().toMillis()),
        forwarder, new ReadPositions(ingest.timestampGrace().toMillis()), template, new KafkaTemplate<>(plain),
        discovery::topics, new UnreadRecords(admin, ingest.groupId(), metrics.unread), metrics, spans,
        InstantSource.system());
    return new Forwarder(new Forwarder.Settings(ingest.watermarkInterval(), Duration.ofSeconds(90)), consumers,
        transactions, listener, discovery, new IntakeTopic(kafka, ingest.intakeTopic(), intakePartitions),
        InstantSource.system());
  }

  /** Where the node keeps its identity: the tracking topology's state directory (see TrackingStreamsConfig). */
  private static Path stateDir(TrackerProperties tracker, String configured) {
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return tracker.local() ? tracker.localMode().dir().resolve("streams") : Path.of(".tracker-state");
  }
}
