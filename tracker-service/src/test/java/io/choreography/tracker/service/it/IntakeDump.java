package io.choreography.tracker.service.it;

import io.choreography.tracker.model.intake.ForwardedEvent;
import io.choreography.tracker.model.intake.InputWatermark;
import io.choreography.tracker.model.intake.IntakeRecord;
import io.choreography.tracker.model.intake.IntakeRecordCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Debugging aid: the intake records of one trace's partition, with the watermarks between them. */
final class IntakeDump {

  private IntakeDump() {}

  static void print(TestScope scope, String traceId) {
    try (KafkaConsumer<byte[], byte[]> c = TestKafka.consumer(scope.infrastructure().kafkaBootstrapServers(),
        "dump-" + System.nanoTime())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (var p : c.partitionsFor(scope.intakeTopic())) {
        parts.add(new TopicPartition(p.topic(), p.partition()));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      long deadline = System.currentTimeMillis() + 20_000;
      List<String> lines = new ArrayList<>();
      int partition = -1;
      List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
      while (System.currentTimeMillis() < deadline) {
        var rs = c.poll(Duration.ofMillis(500));
        if (rs.isEmpty() && !all.isEmpty()) {
          break;
        }
        rs.forEach(all::add);
      }
      for (var r : all) {
        IntakeRecord i = IntakeRecordCodec.decode(r.value(), false);
        if (i instanceof ForwardedEvent e && e.matches().stream().anyMatch(m -> traceId.equals(m.traceId()))) {
          partition = r.partition();
        }
      }
      for (var r : all) {
        if (r.partition() != partition) {
          continue;
        }
        IntakeRecord i = IntakeRecordCodec.decode(r.value(), false);
        if (i instanceof ForwardedEvent e && e.matches().stream().anyMatch(m -> traceId.equals(m.traceId()))) {
          lines.add(r.offset() + " EVENT " + e.coordinates() + " arrival " + Instant.ofEpochMilli(e.arrival()) + " "
              + e.type());
        } else if (i instanceof InputWatermark w) {
          StringBuilder b = new StringBuilder(r.offset() + " WM " + w.member().substring(0, 8) + " g" + w.generation()
              + " at " + Instant.ofEpochMilli(w.publishedAt()));
          for (var p : w.partitions()) {
            b.append(" ").append(p.topic().substring(p.topic().lastIndexOf('.') + 1)).append('-').append(p.partition())
                .append('=').append(Instant.ofEpochMilli(p.watermark()));
          }
          lines.add(b.toString());
        }
      }
      System.out.println("intake partition " + partition + " for " + traceId + ":");
      lines.forEach(l -> System.out.println("  " + l));
    }
  }
}
