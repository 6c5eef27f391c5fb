package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.service.local.LocalKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Local mode's broker keeps its data in its directory: a second start finds the topic and the record again. */
class LocalKafkaBrokerRestartIT {

  @Test
  void shouldReuseItsDataOnASecondStart() throws Exception {
    // given
    Path dir = Files.createTempDirectory("broker-restart");
    int port = SharedInfrastructure.freePortPair();
    try (LocalKafkaBroker broker = new LocalKafkaBroker(dir, "127.0.0.1", port, port + 1)) {
      broker.start();
      TestKafka.createTopics(broker.bootstrapServers(), 1, List.of("kept"));
      try (KafkaProducer<byte[], byte[]> producer = TestKafka.rawProducer(broker.bootstrapServers())) {
        producer.send(new ProducerRecord<>("kept", "survives".getBytes())).get();
      }
    }

    // when
    try (LocalKafkaBroker again = new LocalKafkaBroker(dir, "127.0.0.1", port, port + 1)) {
      again.start();

      // then
      try (KafkaConsumer<byte[], byte[]> consumer = TestKafka.consumer(again.bootstrapServers(), "reader")) {
        consumer.subscribe(List.of("kept"));
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        long until = System.currentTimeMillis() + 30_000;
        while (read.isEmpty() && System.currentTimeMillis() < until) {
          consumer.poll(Duration.ofMillis(500)).forEach(read::add);
        }
        assertThat(read).extracting(r -> new String(r.value())).containsExactly("survives");
      }
    }
  }
}
