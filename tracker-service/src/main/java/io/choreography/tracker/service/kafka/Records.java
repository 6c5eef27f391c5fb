package io.choreography.tracker.service.kafka;

import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.RecordHeader;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Kafka's records in the tracker's own terms. */
public final class Records {

  private Records() {}

  /** The business record as the rules read it: topic, coordinates, timestamp, key, headers and value unchanged. */
  public static RawRecord raw(ConsumerRecord<byte[], byte[]> r) {
    List<RecordHeader> headers = new ArrayList<>();
    for (Header h : r.headers()) {
      headers.add(new RecordHeader(h.key(), h.value()));
    }
    return new RawRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), headers, r.value());
  }
}
