package io.choreography.tracker.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** One Kafka record header, exactly as the producing service wrote it. The value may be null or binary. */
public record RecordHeader(String name, byte[] value) {

  public RecordHeader {
    Objects.requireNonNull(name, "name");
  }

  public static RecordHeader of(String name, String value) {
    return new RecordHeader(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  /** The value decoded as UTF-8, or null when the header has no value. */
  public String valueAsString() {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordHeader h && name.equals(h.name) && Arrays.equals(value, h.value);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return name + "=" + valueAsString();
  }
}
