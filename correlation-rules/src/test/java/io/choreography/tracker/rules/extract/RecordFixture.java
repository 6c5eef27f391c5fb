package io.choreography.tracker.rules.extract;

import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.RecordHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds raw records as a service would have written them. */
final class RecordFixture {

  static final long TIMESTAMP = 1_700_000_000_000L;

  private final String topic;
  private int partition = 0;
  private long offset = 42;
  private long timestamp = TIMESTAMP;
  private final List<RecordHeader> headers = new ArrayList<>();
  private byte[] value;

  private RecordFixture(String topic) {
    this.topic = topic;
  }

  static RecordFixture record(String topic) {
    return new RecordFixture(topic);
  }

  RecordFixture header(String name, String value) {
    headers.add(RecordHeader.of(name, value));
    return this;
  }

  RecordFixture header(String name, byte[] value) {
    headers.add(new RecordHeader(name, value));
    return this;
  }

  RecordFixture value(String value) {
    this.value = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  RecordFixture value(byte[] value) {
    this.value = value;
    return this;
  }

  RecordFixture at(int partition, long offset) {
    this.partition = partition;
    this.offset = offset;
    return this;
  }

  RecordFixture timestamp(long timestamp) {
    this.timestamp = timestamp;
    return this;
  }

  RawRecord build() {
    return new RawRecord(topic, partition, offset, timestamp, null, headers, value);
  }
}
