package io.choreography.tracker.service.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import io.choreography.tracker.service.it.TestKafka;

/** The dead-letter topic as an operator reads it: where each dead record came from. */
final class DeadLetters implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;

  DeadLetters(String bootstrap, String topic) {
    consumer = TestKafka.consumer(bootstrap, "faults-dead-letters-" + System.nanoTime());
    consumer.subscribe(List.of(topic));
  }

  /** Source coordinates (topic-partition-offset) of the dead letters read in this poll. */
  Set<String> sources() {
    Set<String> sources = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
      sources.add(header(r, "tracker.dead-letter.topic") + "-" + header(r, "tracker.dead-letter.partition") + "-"
          + header(r, "tracker.dead-letter.offset"));
    }
    return sources;
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
