package io.choreography.tracker.service.it;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
 * Records of the tracker's own topics ({@code tracker.incidents}, {@code tracker.instances}) in the agreed formats,
 * written in Kafka transactions as the tracking topology writes them.
 */
public final class TrackerTopicRecords {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TrackerTopicRecords() {}

  /** An incident CloudEvent; {@code kind} is OPENED, UPDATED or RESOLVED. */
  public static ProducerRecord<String, byte[]> incident(String topic, String kind, String incidentId, int count,
      String type, String process, String traceId, String step, String message) {
    Instant now = Instant.now();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", incidentId);
    data.put("type", type);
    data.put("status", kind.equals("RESOLVED") ? "RESOLVED" : "OPEN");
    data.put("process", process);
    data.put("traceId", traceId);
    data.put("step", step);
    data.put("openedAt", now.toString());
    data.put("acknowledgedAt", null);
    data.put("resolvedAt", kind.equals("RESOLVED") ? now.toString() : null);
    data.put("message", message);
    data.put("count", count);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("specversion", "1.0");
    event.put("id", incidentId + "/" + kind + "/" + count);
    event.put("source", "/choreography-tracker");
    event.put("type", "tracker.incident." + kind.toLowerCase());
    event.put("time", now.toString());
    event.put("subject", traceId);
    event.put("datacontenttype", "application/json");
    event.put("data", data);
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, incidentId, JSON.writeValueAsBytes(event));
    r.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
    return r;
  }

  /** An instance's whole state, keyed {@code <process>/<traceId>}. */
  public static ProducerRecord<String, byte[]> instance(String topic, String process, String traceId, String status) {
    Instant now = Instant.now();
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("process", process);
    state.put("version", 1);
    state.put("traceId", traceId);
    state.put("status", status);
    state.put("startedAt", now.toString());
    state.put("endedAt", null);
    state.put("updatedAt", now.toString());
    state.put("steps", Map.of("order-placed", Map.of("reachedAt", now.toString(), "eventId", "e-1")));
    state.put("waitingFor", List.of(Map.of("step", "payment-received", "since", now.toString())));
    state.put("openIncidents", List.of());
    state.put("stepDurationsMs", Map.of());
    return new ProducerRecord<>(topic, process + "/" + traceId, JSON.writeValueAsBytes(state));
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
