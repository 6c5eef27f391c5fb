package io.choreography.tracker.service.tracing;

import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.model.instances.InstanceDocument;
import io.choreography.tracker.model.instances.InstanceDocumentCodec;
import io.choreography.tracker.service.kafka.ConsumerThread;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Process instances as traces, off the tracking topology's thread: reads the instance changes the tracker publishes
 * on {@code tracker.instances} (committed ones, in a consumer group shared by the tracker's processes, so each
 * change is traced by one of them) and emits an instance's trace when its status becomes an ended one or STUCK. A
 * change that repeats the status last traced for that instance (a later republication of an ended instance) is not
 * traced again, as long as the instance is among the last {@code remembered} ones of this process.
 */
public final class InstanceTraces implements SmartLifecycle, Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(InstanceTraces.class);

  private final String topic;
  private final Map<String, Object> consumerProperties;
  private final InstanceSpans spans;
  private final Map<String, InstanceStatus> traced;
  private final ConsumerThread loop = new ConsumerThread("tracker-instance-traces", true, Duration.ofSeconds(5));
  private final boolean enabled;
  private volatile boolean assigned;

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
    return assigned;
  }

  @Override
  public void start() {
    if (!enabled) {
      LOG.info("tracker.tracing.instances is on but no OTLP endpoint is configured: no instance traces");
      return;
    }
    loop.start(this);
  }

  @Override
  public void stop() {
    loop.stop();
  }

  @Override
  public boolean isRunning() {
    return loop.running();
  }

  @Override
  public void run() {
    loop.consume(consumerProperties, c -> {
      c.subscribe(List.of(topic));
      while (loop.running()) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          changed(r.value());
        }
        assigned = !c.assignment().isEmpty();
      }
    }, LOG, "instance traces");
    assigned = false;
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
