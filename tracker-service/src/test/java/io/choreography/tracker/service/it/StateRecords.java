package io.choreography.tracker.service.it;

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
import tools.jackson.databind.json.JsonMapper;

/**
 * Records of the tracker's own topics in the agreed formats (whole instance states; incident CloudEvents), sent
 * the way the tracker sends them: in Kafka transactions, so that the writer's {@code read_committed} is exercised.
 */
public final class StateRecords implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

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

  /** One instance state as the tracker publishes it. */
  public static final class Instance {
    final Map<String, Object> fields = new LinkedHashMap<>();
    private final Map<String, Object> steps = new LinkedHashMap<>();
    private final List<Object> waitingFor = new ArrayList<>();
    private final List<String> openIncidents = new ArrayList<>();
    private final Map<String, Long> durations = new LinkedHashMap<>();

    public Instance(String process, String traceId, String status, Instant startedAt) {
      fields.put("process", process);
      fields.put("version", "v1");
      fields.put("traceId", traceId);
      fields.put("status", status);
      fields.put("startedAt", startedAt.toString());
      fields.put("endedAt", null);
      fields.put("updatedAt", startedAt.toString());
    }

    public String key() {
      return fields.get("process") + "/" + fields.get("traceId");
    }

    public Instance status(String status) {
      fields.put("status", status);
      return this;
    }

    public Instance ended(Instant at) {
      fields.put("endedAt", at.toString());
      return this;
    }

    public Instance updated(Instant at) {
      fields.put("updatedAt", at.toString());
      return this;
    }

    public Instance reached(String step, Instant at, String eventId, Long durationMs) {
      steps.put(step, Map.of("reachedAt", at.toString(), "eventId", eventId));
      if (durationMs != null) {
        durations.put(step, durationMs);
      }
      return this;
    }

    public Instance waiting(String step, Instant since, Instant due) {
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("step", step);
      w.put("since", since.toString());
      w.put("due", due == null ? null : due.toString());
      waitingFor.add(w);
      return this;
    }

    public Instance openIncident(String id) {
      openIncidents.add(id);
      return this;
    }

    byte[] json() {
      Map<String, Object> value = new LinkedHashMap<>(fields);
      value.put("steps", steps);
      value.put("waitingFor", waitingFor);
      value.put("openIncidents", openIncidents);
      value.put("stepDurationsMs", durations);
      return JSON.writeValueAsBytes(value);
    }
  }

  /** One incident change as the tracker publishes it. */
  public record Incident(String id, String type, String status, String process, String traceId, String step,
      Instant openedAt, Instant acknowledgedAt, Instant resolvedAt, String message, long count) {

    byte[] cloudEvent(String change, Instant time) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("id", id);
      data.put("type", type);
      data.put("status", status);
      data.put("process", process);
      data.put("traceId", traceId);
      data.put("step", step);
      data.put("openedAt", openedAt == null ? null : openedAt.toString());
      data.put("acknowledgedAt", acknowledgedAt == null ? null : acknowledgedAt.toString());
      data.put("resolvedAt", resolvedAt == null ? null : resolvedAt.toString());
      data.put("message", message);
      data.put("count", count);
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("specversion", "1.0");
      event.put("id", id + "/" + change + "/" + count);
      event.put("source", "/choreography-tracker");
      event.put("type", "tracker.incident." + change.toLowerCase());
      event.put("time", time.toString());
      event.put("subject", traceId);
      event.put("datacontenttype", "application/json");
      event.put("data", data);
      return JSON.writeValueAsBytes(event);
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
      producer.send(new ProducerRecord<>(instancesTopic, i.key(), i.json()));
    }
    for (Incident i : incidents) {
      ProducerRecord<String, byte[]> r = new ProducerRecord<>(incidentsTopic, i.id(), i.cloudEvent(change, time));
      r.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
      producer.send(r);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
