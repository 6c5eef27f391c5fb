package io.choreography.tracker.service.tracing;

import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.model.instances.InstanceDocument;
import io.choreography.tracker.model.instances.InstanceDocumentCodec;
import io.choreography.tracker.service.kafka.SinkContainer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * Process instances as traces, off the tracking topology's thread: reads the instance changes the tracker publishes
 * on {@code tracker.instances} (committed ones, in a consumer group shared by the tracker's processes, so each
 * change is traced by one of them) and emits an instance's trace when its status becomes an ended one or STUCK. A
 * change that repeats the status last traced for that instance (a later republication of an ended instance) is not
 * traced again, as long as the instance is among the last {@code remembered} ones of this process. Consumed in a
 * listener container ({@link SinkContainer}), which commits after each batch was traced.
 */
public final class InstanceTraces implements SmartLifecycle, SinkContainer.Sink {

  private static final Logger LOG = LoggerFactory.getLogger(InstanceTraces.class);

  private final String topic;
  private final Map<String, Object> consumerProperties;
  private final InstanceSpans spans;
  private final Map<String, InstanceStatus> traced;
  private final boolean enabled;
  private volatile SinkContainer container;

  /** @param enabled false when export is off: then nothing is read at all */
  InstanceTraces(boolean enabled, String topic, Map<String, Object> consumerProperties, InstanceSpans spans,
      int remembered) {
    this.enabled = enabled;
    this.topic = topic;
    this.consumerProperties = consumerProperties;
    this.spans = spans;
    this.traced = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, InstanceStatus> eldest) {
        return size() > remembered;
      }
    };
  }

  /** Whether the reader has partitions of the topic: instances that change from now on are traced. */
  public boolean assigned() {
    SinkContainer c = container;
    return c != null && c.assigned();
  }

  @Override
  public synchronized void start() {
    if (!enabled) {
      LOG.info("tracker.tracing.instances is on but no OTLP endpoint is configured: no instance traces");
      return;
    }
    if (container == null) {
      container = new SinkContainer(new SinkContainer.Settings("tracker-instance-traces", List.of(topic),
          Duration.ZERO, SmartLifecycle.DEFAULT_PHASE),
          new DefaultKafkaConsumerFactory<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
          this);
    }
    container.start();
  }

  @Override
  public synchronized void stop() {
    if (container != null) {
      container.stop();
    }
  }

  @Override
  public boolean isRunning() {
    SinkContainer c = container;
    return c != null && c.isRunning();
  }

  @Override
  public void accept(List<ConsumerRecord<byte[], byte[]>> records) {
    for (ConsumerRecord<byte[], byte[]> r : records) {
      changed(r.value());
    }
  }

  /** One published instance change; a tombstone or an undecodable value is skipped. */
  void changed(byte[] value) {
    if (value == null) {
      return;
    }
    InstanceDocument d;
    try {
      d = InstanceDocumentCodec.decode(value);
    } catch (RuntimeException e) {
      LOG.debug("instance traces: skipping an undecodable instance change: {}", e.toString());
      return;
    }
    InstanceStatus before = traced.get(d.key());
    if (d.status() == before) {
      return;
    }
    if (!InstanceSpans.traced(d.status())) {
      if (before != null) {
        traced.remove(d.key()); // running again (a STUCK one unstuck): its next verdict is traced anew
      }
      return;
    }
    traced.put(d.key(), d.status());
    try {
      spans.emit(d);
    } catch (RuntimeException e) {
      LOG.debug("instance traces: could not trace {}: {}", d.key(), e.toString());
    }
  }
}
