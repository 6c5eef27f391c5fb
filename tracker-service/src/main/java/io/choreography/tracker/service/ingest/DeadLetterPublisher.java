package io.choreography.tracker.service.ingest;

import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.RecordHeader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends a record that could not be indexed, unchanged, to the dead-letter topic, with headers saying where it
 * came from and why. Synchronous: the source offset is committed only once the dead letter is written.
 */
public final class DeadLetterPublisher implements AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;

  public DeadLetterPublisher(Map<String, Object> producerProperties, String topic) {
    this.producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
  }

  public String topic() {
    return topic;
  }

  public void publish(RawRecord record, String reason) throws InterruptedException {
    ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(topic, null, record.timestamp(), record.key(),
        record.value());
    for (RecordHeader h : record.headers()) {
      dead.headers().add(h.name(), h.value());
    }
    dead.headers().add("tracker.dead-letter.reason", utf8(reason));
    dead.headers().add("tracker.dead-letter.topic", utf8(record.topic()));
    dead.headers().add("tracker.dead-letter.partition", utf8(Integer.toString(record.partition())));
    dead.headers().add("tracker.dead-letter.offset", utf8(Long.toString(record.offset())));
    try {
      producer.send(dead).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not write to dead-letter topic " + topic + ": " + e.getCause(), e);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close();
  }
}
