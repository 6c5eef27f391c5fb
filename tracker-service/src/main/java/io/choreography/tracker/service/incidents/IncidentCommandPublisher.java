package io.choreography.tracker.service.incidents;

import io.choreography.tracker.model.IncidentCommand;
import io.choreography.tracker.model.intake.ForwardedCommand;
import io.choreography.tracker.model.intake.IntakeRecordCodec;
import io.choreography.tracker.model.incidents.IncidentCommandCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts operators' commands on the intake topic, keyed like the events of the incident's instance (its trace id), so
 * that each reaches the task that owns the incident in order with those events; returns only once Kafka has them
 * (acks=all): then the tracking topology will apply them, also after a crash of this process.
 */
public class IncidentCommandPublisher implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final Duration timeout;

  public IncidentCommandPublisher(Map<String, Object> producerProperties, String topic, Duration timeout) {
    Map<String, Object> props = new HashMap<>(producerProperties);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1_000));
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1_000));
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "tracker-incident-commands");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    this.topic = topic;
    this.timeout = timeout;
  }

  /** Throws IllegalStateException when Kafka did not take the command in time. */
  public void publish(IncidentCommand command) {
    try {
      ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, command.partitionKey(),
          IntakeRecordCodec.encode(new ForwardedCommand(IncidentCommandCodec.encode(command))));
      record.headers().add("content-type", IntakeRecordCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
      producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending the command", e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("Kafka did not accept the command: " + cause, cause);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
