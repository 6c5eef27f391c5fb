package io.choreography.tracker.service.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Records no producer should send, as they arrive in real life: invalid JSON, invalid UTF-8, null keys and
 * values, garbage headers (null, binary and one huge value), deeply nested JSON and a few 5 MB payloads. None
 * carries an order id, so none may change an instance.
 */
final class PoisonCorpus {

  /** What a poison record is, and the payloadKind its event document must have (null: not checked). */
  enum Kind {
    INVALID_JSON("TEXT"),
    INVALID_UTF8("BINARY"),
    NULL_KEY_AND_VALUE("EMPTY"),
    GARBAGE_HEADERS("JSON"),
    DEEPLY_NESTED("TEXT"),
    FIVE_MEGABYTES(null);

    final String payloadKind;

    Kind(String payloadKind) {
      this.payloadKind = payloadKind;
    }
  }

  /** One poison record to send. */
  record Poison(Kind kind, ProducerRecord<byte[], byte[]> record) {}

  private PoisonCorpus() {}

  /** {@code count} poison records (at least 1,000 for the suite) spread over the given topics. */
  static List<Poison> of(int count, List<String> topics) {
    String nested = "[".repeat(50_000) + "]".repeat(50_000);
    byte[] fiveMegabytes = ("{\"blob\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] hugeHeader = new byte[256 * 1024];
    List<Poison> corpus = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String topic = topics.get(i % topics.size());
      byte[] key = ("poison-" + i).getBytes(StandardCharsets.UTF_8);
      if (i < 3) {
        corpus.add(new Poison(Kind.FIVE_MEGABYTES, new ProducerRecord<>(topic, key, fiveMegabytes)));
      } else if (i % 20 == 0) {
        corpus.add(new Poison(Kind.DEEPLY_NESTED,
            new ProducerRecord<>(topic, key, nested.getBytes(StandardCharsets.UTF_8))));
      } else if (i % 5 == 1) {
        corpus.add(new Poison(Kind.INVALID_JSON, new ProducerRecord<>(topic, key,
            ("{\"poison\": " + i + ", broken").getBytes(StandardCharsets.UTF_8))));
      } else if (i % 5 == 2) {
        corpus.add(new Poison(Kind.INVALID_UTF8, new ProducerRecord<>(topic, key,
            new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, 0x00, (byte) 0xFE, (byte) i})));
      } else if (i % 5 == 3) {
        corpus.add(new Poison(Kind.NULL_KEY_AND_VALUE, new ProducerRecord<>(topic, null, null)));
      } else {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, null,
            ("{\"type\":\"Poison\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        r.headers().add(new RecordHeader("traceparent", new byte[] {(byte) 0xFF, 0x01, (byte) i}));
        r.headers().add(new RecordHeader("ce_specversion", null));
        r.headers().add(new RecordHeader("ce_time", "yesterday".getBytes(StandardCharsets.UTF_8)));
        if (i % 100 == 4) {
          r.headers().add(new RecordHeader("x-huge", hugeHeader));
        }
        corpus.add(new Poison(Kind.GARBAGE_HEADERS, r));
      }
    }
    return corpus;
  }
}
