package io.choreography.tracker.service.indexing;

import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.intake.ForwardedEvent;
import io.choreography.tracker.service.ingest.DeadLetterRecords;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Dead letters of events Elasticsearch refused for good: the business record as the service wrote it, read back by
 * its coordinates (the intake topic holds only the tracker's document), or, when the record is gone, its document
 * in its place. A record the broker finds too large goes in the reduced form. Sent synchronously: the batch's offsets
 * are committed only once its dead letters are written.
 */
// Not spring-kafka's DeadLetterPublishingRecoverer: that one publishes the record that failed, here an intake record,
// whereas a person needs the business record it points to.
final class EventDeadLetters {

  private static final Logger LOG = LoggerFactory.getLogger(EventDeadLetters.class);

  private final KafkaOperations<byte[], byte[]> producer;
  private final String topic;
  private final int maxRequestBytes;
  private final OriginalRecords originals;

  EventDeadLetters(KafkaOperations<byte[], byte[]> producer, String topic, int maxRequestBytes,
      OriginalRecords originals) {
    this.producer = producer;
    this.topic = topic;
    this.maxRequestBytes = maxRequestBytes;
    this.originals = originals;
  }

  String topic() {
    return topic;
  }

  void publish(ForwardedEvent event, String reason) throws InterruptedException {
    RawRecord original = originals.fetch(event);
    String why = reason;
    if (original == null) {
      why = reason + " (the record itself can no longer be read: its document instead)";
      original = new RawRecord(event.topic(), event.partition(), event.offset(), event.arrival(), null, List.of(),
          event.document() == null ? null : event.document().json());
    }
    LOG.warn("record {} goes to {}: {}", event.coordinates(), topic, why);
    try {
      send(DeadLetterRecords.of(topic, original, why, maxRequestBytes));
    } catch (ExecutionException e) {
      if (!tooLarge(e)) {
        throw new IllegalStateException("could not write to dead-letter topic " + topic + ": " + e.getCause(), e);
      }
      try {
        // the broker accepts less than this producer may send: the reduced form always fits
        send(DeadLetterRecords.of(topic, original, why, 0));
      } catch (ExecutionException again) {
        throw new IllegalStateException("could not write to dead-letter topic " + topic + ": " + again.getCause(),
            again);
      }
    }
  }

  private static boolean tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RecordTooLargeException) {
        return true;
      }
    }
    return false;
  }

  private void send(ProducerRecord<byte[], byte[]> record) throws InterruptedException, ExecutionException {
    try {
      producer.send(record).get(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("dead-letter topic " + topic + " did not take a record within 60 s", e);
    }
  }
}
