package io.choreography.tracker.service.it;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.IncidentStatus;
import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.InstanceSnapshot;
import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.model.incidents.IncidentChange;
import io.choreography.tracker.model.incidents.IncidentCodec;
import io.choreography.tracker.model.instances.InstanceDocument;
import io.choreography.tracker.model.instances.InstanceDocumentCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Records of the tracker's own topics ({@code tracker.incidents}, {@code tracker.instances}) as the tracker's codecs write them,
 * written in Kafka transactions as the tracking topology writes them.
 */
public final class TrackerTopicRecords {

  private TrackerTopicRecords() {}

  /** An incident CloudEvent; {@code kind} is OPENED, UPDATED or RESOLVED. */
  public static ProducerRecord<String, byte[]> incident(String topic, String kind, String incidentId, int count,
      String type, String process, String traceId, String step, String message) {
    Instant now = Instant.now();
    Incident incident = new Incident(incidentId, IncidentType.valueOf(type),
        kind.equals("RESOLVED") ? IncidentStatus.RESOLVED : IncidentStatus.OPEN, process, traceId, step, now, null,
        kind.equals("RESOLVED") ? now : null, message, count);
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, incidentId,
        IncidentCodec.encode(IncidentChange.of(kind, incident, now)));
    r.headers().add("content-type", IncidentCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
    return r;
  }

  /** An instance's whole state, keyed {@code <process>/<traceId>}. */
  public static ProducerRecord<String, byte[]> instance(String topic, String process, String traceId, String status) {
    Instant now = Instant.now();
    InstanceDocument d = new InstanceDocument(process, "1", traceId, InstanceStatus.valueOf(status), now, null, now,
        Map.of("order-placed", new InstanceSnapshot.ReachedStep(now, "e-1")),
        List.of(new InstanceSnapshot.WaitingStep("payment-received", now, null)), List.of(), List.of(), Map.of(),
        null);
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, d.key(), InstanceDocumentCodec.encode(d));
    r.headers().add("content-type", InstanceDocumentCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
    return r;
  }

  /** Sends the records in one committed transaction. */
  public static void sendCommitted(String bootstrap, List<ProducerRecord<String, byte[]>> records) {
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + UUID.randomUUID());
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(props, new StringSerializer(),
        new ByteArraySerializer())) {
      p.initTransactions();
      p.beginTransaction();
      records.forEach(p::send);
      p.commitTransaction();
    }
  }
}
