package io.choreography.tracker.service.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** A burst of order-placed events, one per trace (trace id = order id), produced as fast as Kafka takes them. */
public final class Burst {

  private Burst() {}

  /** The trace ids of {@code count} orders of this run: {@code <name>-<i>}. */
  public static List<String> traceIds(String name, int count) {
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(name + "-" + i);
    }
    return ids;
  }

  public static void produce(String bootstrap, String topic, List<String> traceIds) throws Exception {
    try (KafkaProducer<String, byte[]> producer = TestKafka.producer(bootstrap)) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (String id : traceIds) {
        sent.add(producer.send(new ProducerRecord<>(topic, id,
            ("{\"type\":\"OrderPlaced\",\"orderId\":\"" + id + "\",\"filler\":\"" + "x".repeat(200) + "\"}")
                .getBytes(StandardCharsets.UTF_8))));
      }
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    }
  }
}
