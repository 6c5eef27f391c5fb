package io.choreography.tracker.service.ingest;

import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.RecordHeader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Dead letters: a record the tracker could not handle, for a person to look at, with headers saying where it came
 * from and why ({@code tracker.dead-letter.reason|topic|partition|offset}). The record goes unchanged when it fits
 * what the producer may send; otherwise in a reduced form that always fits: its first bytes, its key and headers cut
 * short, and {@code tracker.dead-letter.reduced: true}. A dead letter must never be what stops a pipeline.
 */
public final class DeadLetterRecords {

  static final int REDUCED_VALUE_BYTES = 64 * 1024;
  static final int REDUCED_HEADER_BYTES = 1024;
  static final int REDUCED_HEADERS = 64;
  /** Room for record and batch overhead on top of key, value and headers. */
  private static final int OVERHEAD = 4 * 1024;

  private DeadLetterRecords() {}

  /** The dead letter of {@code record}, unchanged if it fits {@code maxRequestBytes}, else reduced. */
  public static ProducerRecord<byte[], byte[]> of(String topic, RawRecord record, String reason, int maxRequestBytes) {
    boolean fits = size(record) + OVERHEAD <= maxRequestBytes;
    ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(topic, null, record.timestamp() < 0 ? null
        : record.timestamp(), fits ? record.key() : cut(record.key(), REDUCED_HEADER_BYTES),
        fits ? record.value() : cut(record.value(), REDUCED_VALUE_BYTES));
    int headers = 0;
    for (RecordHeader h : record.headers()) {
      if (!fits && headers++ >= REDUCED_HEADERS) {
        break;
      }
      String name = fits || h.name().length() <= REDUCED_HEADER_BYTES ? h.name()
          : h.name().substring(0, REDUCED_HEADER_BYTES);
      dead.headers().add(name, fits ? h.value() : cut(h.value(), REDUCED_HEADER_BYTES));
    }
    dead.headers().add("tracker.dead-letter.reason", utf8(reason.length() > 2000 ? reason.substring(0, 2000) : reason));
    dead.headers().add("tracker.dead-letter.topic", utf8(record.topic()));
    dead.headers().add("tracker.dead-letter.partition", utf8(Integer.toString(record.partition())));
    dead.headers().add("tracker.dead-letter.offset", utf8(Long.toString(record.offset())));
    if (!fits) {
      dead.headers().add("tracker.dead-letter.reduced", utf8("true"));
      dead.headers().add("tracker.dead-letter.value-bytes",
          utf8(Integer.toString(record.value() == null ? 0 : record.value().length)));
    }
    return dead;
  }

  private static long size(RawRecord record) {
    long size = (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
    for (RecordHeader h : record.headers()) {
      size += h.name().length() * 3L + (h.value() == null ? 0 : h.value().length) + 8;
    }
    return size;
  }

  private static byte[] cut(byte[] bytes, int max) {
    return bytes == null || bytes.length <= max ? bytes : Arrays.copyOf(bytes, max);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
