package io.choreography.tracker.service.alerting;

import io.choreography.tracker.service.kafka.SinkContainer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink of an incident-topic consumer (a {@link SinkContainer} reads the committed records): hands every
 * incident event to each {@link IncidentSink} that wants it (the webhooks' workers, or Alertmanager). The batch is
 * done, and its offsets committed, once every sink delivered or gave up on its share: at least once. A record that
 * is no incident event is skipped.
 */
final class IncidentFanOut implements SinkContainer.DeliveringSink {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentFanOut.class);

  private final List<? extends IncidentSink> sinks;

  IncidentFanOut(List<? extends IncidentSink> sinks) {
    this.sinks = sinks;
  }

  @Override
  public CompletableFuture<?> deliver(List<ConsumerRecord<byte[], byte[]>> records) {
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      IncidentEvent event;
      try {
        event = IncidentEvent.parse(r.value());
      } catch (RuntimeException e) {
        LOG.warn("skipping record {}-{}-{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        continue;
      }
      for (IncidentSink s : sinks) {
        if (s.wants(event)) {
          pending.add(s.submit(event));
        }
      }
    }
    return CompletableFuture.allOf(pending.toArray(new CompletableFuture[0]));
  }

  @Override
  public void partitionsRevoked() {
    sinks.forEach(IncidentSink::partitionsRevoked);
  }

  void start() {
    sinks.forEach(IncidentSink::start);
  }

  void stop() {
    sinks.forEach(IncidentSink::stop);
  }
}
