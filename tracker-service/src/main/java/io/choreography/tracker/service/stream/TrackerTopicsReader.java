package io.choreography.tracker.service.stream;

import io.choreography.tracker.model.Incident;
import io.choreography.tracker.model.incidents.IncidentCodec;
import io.choreography.tracker.model.instances.InstanceDocument;
import io.choreography.tracker.model.instances.InstanceDocumentCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import io.choreography.tracker.service.kafka.SinkContainer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink of the live stream's consumer: instance changes and incidents, as they are committed, to the {@link
 * StreamHub}. Its {@link SinkContainer} reads from the latest offset in a consumer group of its own (every tracker
 * process streams everything to its own clients) and commits nothing.
 */
final class TrackerTopicsReader implements SinkContainer.Sink {

  private static final Logger LOG = LoggerFactory.getLogger(TrackerTopicsReader.class);

  private final String instancesTopic;
  private final StreamHub hub;

  TrackerTopicsReader(String instancesTopic, StreamHub hub) {
    this.instancesTopic = instancesTopic;
    this.hub = hub;
  }

  @Override
  public void accept(List<ConsumerRecord<byte[], byte[]>> records) {
    for (ConsumerRecord<byte[], byte[]> r : records) {
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

  /** Key {@code <process>/<traceId>}, value the instance's document ({@link InstanceDocumentCodec}). */
  private static StreamItem instance(ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null) {
      return null;
    }
    InstanceDocument d = InstanceDocumentCodec.decode(r.value());
    return new StreamItem("instance", d.traceId(), Set.of(d.process()), new String(r.value(), StandardCharsets.UTF_8));
  }

  /** The incident CloudEvent ({@link IncidentCodec}) as is; filtered by the incident's trace id and process. */
  private static StreamItem incident(ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null) {
      return null;
    }
    Incident i = IncidentCodec.decode(r.value()).incident();
    return new StreamItem("incident", i.traceId(), Set.of(i.process()), new String(r.value(), StandardCharsets.UTF_8));
  }
}
