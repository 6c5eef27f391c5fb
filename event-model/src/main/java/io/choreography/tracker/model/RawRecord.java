package io.choreography.tracker.model;

import java.util.List;
import java.util.Objects;

/**
 * A record as read from a business topic, unchanged: the tracker never asks services for an envelope.
 *
 * @param timestamp the Kafka record timestamp in epoch milliseconds
 * @param key the record key, may be null
 * @param value the record value, may be null (tombstone) or any bytes
 */
public record RawRecord(
    String topic,
    int partition,
    long offset,
    long timestamp,
    byte[] key,
    List<RecordHeader> headers,
    byte[] value) {

  public RawRecord {
    Objects.requireNonNull(topic, "topic");
    headers = headers == null ? List.of() : List.copyOf(headers);
  }

  /** The last header of that name (Kafka allows repeats; the last one written wins), or null. */
  public RecordHeader lastHeader(String name) {
    for (int i = headers.size() - 1; i >= 0; i--) {
      RecordHeader h = headers.get(i);
      if (h.name().equals(name)) {
        return h;
      }
    }
    return null;
  }

  /** "topic-partition-offset": names this record uniquely within a cluster. */
  public String coordinates() {
    return topic + "-" + partition + "-" + offset;
  }
}
