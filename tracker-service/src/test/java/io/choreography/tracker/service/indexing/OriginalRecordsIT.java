package io.choreography.tracker.service.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.intake.ForwardedEvent;
import io.choreography.tracker.service.it.TestKafka;
import io.choreography.tracker.service.it.TestScope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The business record of a dead letter read back by its coordinates, on the real broker: a record of 1.2 MB (more
 * than a fetch takes per partition by default), records read out of order, and a record deleted from the log, which
 * must be reported gone at once rather than waited for (a reader that resets to the end of the partition would
 * wait in vain).
 */
class OriginalRecordsIT {

  static final TestScope SCOPE = TestScope.create("originals");

  @Test
  void shouldReadRecordsBackByTheirCoordinatesAndReportADeletedOneGoneAtOnce() throws Exception {
    // given: three records, the second of 1.2 MB, then the first deleted from the log
    String bootstrap = SCOPE.infrastructure().kafkaBootstrapServers();
    String topic = SCOPE.topic("orders");
    TestKafka.createTopics(bootstrap, 1, List.of(topic));
    byte[] big = ("{\"blob\":\"" + "x".repeat(1_200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    try (KafkaProducer<byte[], byte[]> producer = TestKafka.rawProducer(bootstrap)) {
      for (byte[] value : List.of("{\"n\":0}".getBytes(StandardCharsets.UTF_8), big,
          "{\"n\":2}".getBytes(StandardCharsets.UTF_8))) {
        producer.send(new ProducerRecord<>(topic, 0, null, value)).get();
      }
    }
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(1))).all().get();
    }

    try (OriginalRecords originals = new OriginalRecords(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "a group the reader must not join"))) {
      // when / then: read ahead and back
      RawRecord third = originals.fetch(event(topic, 2));
      assertThat(new String(third.value(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":2}");
      RawRecord second = originals.fetch(event(topic, 1));
      assertThat(second.value()).isEqualTo(big);
      assertThat(second.offset()).isEqualTo(1);

      // when / then: the deleted record is gone, said at once
      long started = System.nanoTime();
      assertThat(originals.fetch(event(topic, 0))).isNull();
      assertThat((System.nanoTime() - started) / 1_000_000).as("ms to report the deleted record gone")
          .isLessThan(5_000);

      // and the reader still reads after that
      assertThat(originals.fetch(event(topic, 1)).value()).isEqualTo(big);
    }
  }

  private static ForwardedEvent event(String topic, long offset) {
    return new ForwardedEvent(topic, 0, offset, System.currentTimeMillis(), "T", List.of(), null);
  }
}
