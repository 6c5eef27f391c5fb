package io.choreography.tracker.service.it;

import io.choreography.tracker.model.IncidentIds;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Records of the tracker's own topics as its codecs write them (whole instance documents; incident CloudEvents), sent
 * the way the tracker sends them: in Kafka transactions, so that the writer's {@code read_committed} is exercised.
 */
public final class StateRecords implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;
  private final String instancesTopic;
  private final String incidentsTopic;

  public StateRecords(String bootstrap, String instancesTopic, String incidentsTopic) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-state-" + UUID.randomUUID());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    this.producer.initTransactions();
    this.instancesTopic = instancesTopic;
    this.incidentsTopic = incidentsTopic;
  }

  /** One instance state as the tracker publishes it (its codec). */
  public static final class Instance {
    private final String process;
    private final String traceId;
    private String status;
    private final Instant startedAt;
    private Instant endedAt;
    private Instant updatedAt;
    private final Map<String, InstanceSnapshot.ReachedStep> steps = new LinkedHashMap<>();
    private final List<InstanceSnapshot.WaitingStep> waitingFor = new ArrayList<>();
    private final List<String> openIncidents = new ArrayList<>();
    private final Map<String, Long> durations = new LinkedHashMap<>();

    public Instance(String process, String traceId, String status, Instant startedAt) {
      this.process = process;
      this.traceId = traceId;
      this.status = status;
      this.startedAt = startedAt;
      this.updatedAt = startedAt;
    }

    public String key() {
      return process + "/" + traceId;
    }

    public Instance status(String status) {
      this.status = status;
      return this;
    }

    public Instance ended(Instant at) {
      endedAt = at;
      return this;
    }

    public Instance updated(Instant at) {
      updatedAt = at;
      return this;
    }

    public Instance reached(String step, Instant at, String eventId, Long durationMs) {
      steps.put(step, new InstanceSnapshot.ReachedStep(at, eventId));
      if (durationMs != null) {
        durations.put(step, durationMs);
      }
      return this;
    }

    public Instance waiting(String step, Instant since, Instant due) {
      waitingFor.add(new InstanceSnapshot.WaitingStep(step, since, due));
      return this;
    }

    public Instance openIncident(String id) {
      openIncidents.add(id);
      return this;
    }

    byte[] json() {
      List<String> stuck = waitingFor.stream().map(InstanceSnapshot.WaitingStep::step)
          .filter(step -> openIncidents.contains(IncidentIds.of(process, traceId, IncidentType.STUCK, step))).toList();
      return InstanceDocumentCodec.encode(new InstanceDocument(process, "v1", traceId, InstanceStatus.valueOf(status),
          startedAt, endedAt, updatedAt, steps, waitingFor, openIncidents, stuck, durations, null));
    }
  }

  /** One incident change as the tracker publishes it (its codec). */
  public record Incident(String id, String type, String status, String process, String traceId, String step,
      Instant openedAt, Instant acknowledgedAt, Instant resolvedAt, String message, long count) {

    byte[] cloudEvent(String change, Instant time) {
      return IncidentCodec.encode(IncidentChange.of(change, new io.choreography.tracker.model.Incident(id,
          IncidentType.valueOf(type), IncidentStatus.valueOf(status), process, traceId, step, openedAt,
          acknowledgedAt, resolvedAt, message, count), time));
    }
  }

  /** Sends the records in one committed transaction. */
  public void commit(List<Instance> instances, List<Incident> incidents, String change, Instant time) {
    producer.beginTransaction();
    send(instances, incidents, change, time);
    producer.commitTransaction();
  }

  /** Sends the records in a transaction that is then aborted: a reader must never see them. */
  public void abort(List<Instance> instances, List<Incident> incidents, String change, Instant time) {
    producer.beginTransaction();
    send(instances, incidents, change, time);
    producer.flush();
    producer.abortTransaction();
  }

  private void send(List<Instance> instances, List<Incident> incidents, String change, Instant time) {
    for (Instance i : instances) {
      ProducerRecord<String, byte[]> r = new ProducerRecord<>(instancesTopic, i.key(), i.json());
      r.headers().add("content-type", InstanceDocumentCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
      producer.send(r);
    }
    for (Incident i : incidents) {
      ProducerRecord<String, byte[]> r = new ProducerRecord<>(incidentsTopic, i.id(), i.cloudEvent(change, time));
      r.headers().add("content-type", IncidentCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
      producer.send(r);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
