package io.choreography.tracker.rules.extract;

import static io.choreography.tracker.rules.extract.ProcessFixture.header;
import static io.choreography.tracker.rules.extract.ProcessFixture.json;
import static io.choreography.tracker.rules.extract.ProcessFixture.process;
import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.RawRecord;
import io.choreography.tracker.model.RecordHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class ExtractorNeverThrowsPropertyTest {

  private static final List<String> HEADER_NAMES = List.of("traceparent", "ce_traceparent", "ce_specversion",
      "ce_type", "ce_id", "ce_time", "content-type", "Content-Type", "x-correlation-id", "x-other");

  private final RecordExtractor extractor = ProcessFixture.extractor(
      process("orders").correlation(header("traceparent"), header("x-correlation-id"), json("/orderId"))
          .eventTime(header("ce_time"), json("/time"), json("/at"))
          .step("placed", "orders*", "OrderPlaced")
          .step("paid", "orders", "PaymentReceived", "/status", "OK", "/amount", 12L),
      process("other").correlation(json("/a/b"), json("/0")).step("any", "*", "OrderPlaced"));

  @Property(tries = 500)
  void shouldNeverThrowAndAlwaysYieldEventIdAndTime(
      @ForAll("values") byte[] value, @ForAll("headers") List<RecordHeader> headers, @ForAll("topics") String topic) {
    // given
    var record = new RawRecord(topic, 0, 7, 1_700_000_000_000L, null, headers, value);

    // when: the unguarded path, so that the safety net in extract() cannot hide a failure
    var event = extractor.extractUnguarded(record);

    // then
    assertThat(event).isNotNull();
    assertThat(event.eventId()).isNotNull();
    assertThat(event.time()).isNotNull();
    assertThat(event.payload()).isNotNull();
  }

  @Provide
  Arbitrary<String> topics() {
    return Arbitraries.of("orders", "orders.eu", "payments", "");
  }

  @Provide
  Arbitrary<byte[]> values() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    Arbitrary<byte[]> jsonish = Arbitraries.of(
            "{\"specversion\":\"1.0\",\"id\":\"i\",\"source\":\"/s\",\"type\":\"OrderPlaced\",\"data\":",
            "{\"orderId\":", "{\"type\":\"OrderPlaced\",\"time\":", "[", "{\"a\":{\"b\":", "\"", "{\"data_base64\":")
        .flatMap(prefix -> Arbitraries.strings().ofMaxLength(40)
            .map(tail -> (prefix + tail).getBytes(StandardCharsets.UTF_8)));
    return Arbitraries.frequencyOf(
        Tuple.of(3, random),
        Tuple.of(3, jsonish),
        Tuple.of(1, Arbitraries.just(null)));
  }

  @Provide
  Arbitrary<List<RecordHeader>> headers() {
    Arbitrary<byte[]> headerValues = Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(80),
        Arbitraries.strings().ofMaxLength(60).map(s -> s.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.of("application/cloudevents+json", "1.0", "2024-01-01T00:00:00Z",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").map(s -> s.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.just(null));
    Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of(HEADER_NAMES), Arbitraries.strings().ofMaxLength(10));
    return Combinators.combine(names, headerValues).as(RecordHeader::new).list().ofMaxSize(8);
  }
}
