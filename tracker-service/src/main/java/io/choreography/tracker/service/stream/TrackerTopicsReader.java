package io.choreography.tracker.service.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.choreography.tracker.service.kafka.ConsumerThread;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads instance changes and incidents as they are committed, from the latest offset, in a consumer group of its
 * own (every tracker process streams everything to its own clients; nothing is committed), and publishes them to
 * the {@link StreamHub}.
 */
final class TrackerTopicsReader implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(TrackerTopicsReader.class);

  private final String instancesTopic;
  private final String incidentsTopic;
  private final Map<String, Object> consumerProperties;
  private final StreamHub hub;
  private final JsonMapper json;
  private final ConsumerThread loop = new ConsumerThread("tracker-stream-topics", true, Duration.ofSeconds(5));

  TrackerTopicsReader(String instancesTopic, String incidentsTopic, Map<String, Object> consumerProperties,
      StreamHub hub, JsonMapper json) {
    this.instancesTopic = instancesTopic;
    this.incidentsTopic = incidentsTopic;
    this.consumerProperties = consumerProperties;
    this.hub = hub;
    this.json = json;
  }

  synchronized void start() {
    loop.start(this);
  }

  synchronized void stop() {
    loop.stop();
  }

  boolean isRunning() {
    return loop.running();
  }

  @Override
  public void run() {
    loop.consume(consumerProperties, c -> {
      c.subscribe(List.of(instancesTopic, incidentsTopic));
      while (loop.running()) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          if (hub.clients() == 0) {
            continue; // nobody listens: not worth parsing (a client sees what arrives after it connected)
          }
          try {
            StreamItem item = r.topic().equals(instancesTopic) ? instance(r) : incident(r);
            if (item != null) {
              hub.publish(item);
            }
          } catch (RuntimeException e) {
            LOG.debug("live stream: skipping record {}-{}-{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
          }
        }
      }
    }, LOG, "live stream of instances and incidents");
  }

  /** Key {@code <process>/<traceId>}, value the instance's whole state. */
  private StreamItem instance(ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null) {
      return null;
    }
    String body = new String(r.value(), StandardCharsets.UTF_8);
    JsonNode state = json.readTree(body);
    String process = state.path("process").asString(null);
    String traceId = state.path("traceId").asString(null);
    if ((process == null || traceId == null) && r.key() != null) {
      String key = new String(r.key(), StandardCharsets.UTF_8);
      int slash = key.indexOf('/');
      process = slash < 0 ? process : key.substring(0, slash);
      traceId = slash < 0 ? traceId : key.substring(slash + 1);
    }
    return new StreamItem("instance", traceId, process == null ? Set.of() : Set.of(process), body);
  }

  /** The incident CloudEvent as is; filtered by the incident's trace id and process. */
  private StreamItem incident(ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null) {
      return null;
    }
    String body = new String(r.value(), StandardCharsets.UTF_8);
    JsonNode data = json.readTree(body).path("data");
    String process = data.path("process").asString(null);
    String traceId = data.path("traceId").isString() ? data.path("traceId").asString() : null;
    return new StreamItem("incident", traceId, process == null ? Set.of() : Set.of(process), body);
  }
}
