package io.choreography.tracker.service.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records no producer should send, as they arrive in real life, described in the committed test data file
 * {@code faults/poison-corpus.jsonl} (one kind per line: how many, the value and headers as parts: text with
 * {@code {n}} for the record's number, repeated characters, base64 bytes; and what the tracker must make of each
 * record). Among them: invalid JSON, invalid UTF-8, null keys and values, garbage and huge headers, deeply nested
 * JSON, 5 MB payloads, a 1.2 MB record with a type of 40,000 characters, trace ids of 40,000 characters, with
 * control characters, and of 100 CJK characters, timestamps one day apart from 2000 on.
 */
final class PoisonCorpus {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * What the tracker must make of a record: indexed as {@code payloadKind}, {@code truncated}, with {@code problem}
   * among its problems, in the index ending with {@code index}; counted in {@code counter} ({@code name:tag}, e.g.
   * {@code malformed:text}); {@code tracked} when it matches a step (it is an event of the topology); {@code instance}
   * when an instance must exist under its trace id.
   */
  record Expectation(String payloadKind, boolean truncated, String problem, String index, String counter,
      boolean tracked, boolean instance) {}

  /** One poison record to send, with its kind and what it must become. */
  record Poison(String kind, ProducerRecord<byte[], byte[]> record, Expectation expect, String traceId) {}

  private PoisonCorpus() {}

  /** The whole corpus, spread over the given topics (a line naming a topic goes to the topic ending with it). */
  static List<Poison> of(List<String> topics) {
    List<Poison> corpus = new ArrayList<>();
    int n = 0;
    try (InputStream in = PoisonCorpus.class.getResourceAsStream("/faults/poison-corpus.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode kind = JSON.readTree(line);
        JsonNode e = kind.path("expect");
        Expectation expect = new Expectation(e.path("payloadKind").asString(null), e.path("truncated").asBoolean(),
            e.path("problem").asString(null), e.path("index").asString(null), e.path("counter").asString(null),
            e.path("tracked").asBoolean(), e.path("instance").asBoolean());
        for (int i = 0; i < kind.path("count").asInt(); i++, n++) {
          String topic = topic(kind.path("topic").asString(null), topics, n);
          byte[] value = kind.path("value").isNull() ? null : bytes(kind.path("value"), n);
          Long timestamp = kind.has("timestamp") ? Instant.parse(kind.path("timestamp").asString())
              .plusSeconds(86_400L * i * kind.path("timestampStepDays").asLong(0)).toEpochMilli() : null;
          byte[] key = kind.path("noKey").asBoolean() ? null : ("poison-" + n).getBytes(StandardCharsets.UTF_8);
          ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, null, timestamp, key, value);
          for (JsonNode h : kind.path("headers")) {
            r.headers().add(new RecordHeader(h.path("name").asString(),
                h.has("value") ? bytes(h.path("value"), n) : null));
          }
          String traceId = null;
          if (expect.instance() && value != null) {
            traceId = JSON.readTree(value).path("orderId").asString(null);
          }
          corpus.add(new Poison(kind.path("kind").asString(), r, expect, traceId));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return corpus;
  }

  private static String topic(String named, List<String> topics, int n) {
    if (named == null) {
      return topics.get(n % topics.size());
    }
    return topics.stream().filter(t -> t.endsWith("." + named)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no topic " + named + " among " + topics));
  }

  private static byte[] bytes(JsonNode parts, int n) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (JsonNode p : parts) {
      if (p.has("text")) {
        out.writeBytes(p.path("text").asString().replace("{n}", Integer.toString(n)).getBytes(StandardCharsets.UTF_8));
      } else if (p.has("repeat")) {
        out.writeBytes(p.path("repeat").asString().repeat(p.path("times").asInt()).getBytes(StandardCharsets.UTF_8));
      } else if (p.has("base64")) {
        out.writeBytes(Base64.getDecoder().decode(p.path("base64").asString()));
      }
    }
    return out.toByteArray();
  }
}
