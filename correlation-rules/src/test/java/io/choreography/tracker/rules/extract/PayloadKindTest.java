package io.choreography.tracker.rules.extract;

import static io.choreography.tracker.rules.extract.ProcessFixture.extractor;
import static io.choreography.tracker.rules.extract.ProcessFixture.header;
import static io.choreography.tracker.rules.extract.ProcessFixture.json;
import static io.choreography.tracker.rules.extract.ProcessFixture.process;
import static io.choreography.tracker.rules.extract.RecordFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadKindTest {

  private static final int FIVE_MB = 5 * 1024 * 1024;

  private final RecordExtractor extractor = extractor(process("orders")
      .correlation(header("x-correlation-id"), json("/orderId"))
      .step("placed", "orders", "OrderPlaced"));

  private Payload payloadOf(byte[] value) {
    return extractor.extract(record("orders").header("ce_type", "OrderPlaced").value(value).build()).payload();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\": 1}", " [1, 2] ", "\"text\"", "42", "true", "null", "\uFEFF{\"a\":1}"})
  void shouldKeepAnyJsonDocumentAsGiven(String value) {
    // when
    var payload = payloadOf(value.getBytes(StandardCharsets.UTF_8));

    // then
    assertThat(payload).isEqualTo(new Payload(Payload.Kind.JSON, value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello", "order o-1 placed", "{\"a\":", "{} {}", "{\"a\":1} trailing", "tru", "  ", "01",
      "NaN", "{'a':1}"})
  void shouldClassifyNonJsonUtf8AsText(String value) {
    // when
    var payload = payloadOf(value.getBytes(StandardCharsets.UTF_8));

    // then
    assertThat(payload).isEqualTo(new Payload(Payload.Kind.TEXT, value));
  }

  @Test
  void shouldClassifyInvalidUtf8AsBase64Binary() {
    // given
    var bytes = new byte[] {0x7b, (byte) 0xc3, 0x28, 0x7d};

    // when
    var payload = payloadOf(bytes);

    // then
    assertThat(payload).isEqualTo(new Payload(Payload.Kind.BINARY, Base64.getEncoder().encodeToString(bytes)));
  }

  @Test
  void shouldRejectOverlongAndSurrogateEncodings() {
    // when / then
    assertThat(Utf8.isValid(new byte[] {(byte) 0xc0, (byte) 0xaf})).isFalse();
    assertThat(Utf8.isValid(new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf})).isFalse();
    assertThat(Utf8.isValid(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})).isFalse();
    assertThat(Utf8.isValid(new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isFalse();
    assertThat(Utf8.isValid(new byte[] {(byte) 0xe2, (byte) 0x82})).isFalse();
    assertThat(Utf8.isValid("€ 𝄞 ä".getBytes(StandardCharsets.UTF_8))).isTrue();
  }

  @Test
  void shouldClassifyNullAndZeroBytesAsEmpty() {
    // when / then
    assertThat(payloadOf(null)).isEqualTo(Payload.EMPTY);
    assertThat(payloadOf(new byte[0])).isEqualTo(Payload.EMPTY);
  }

  @Test
  void shouldStillCorrelateATextPayloadByHeader() {
    // given
    var record = record("orders").header("ce_type", "OrderPlaced").header("x-correlation-id", "c-1")
        .value("not json").build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.traceId()).isEqualTo("c-1");
    assertThat(event.matched()).isTrue();
  }

  @Test
  void shouldCountJsonNestedBeyondTheParserLimitAsText() {
    // given
    var depth = 100_000;
    var value = "[".repeat(depth) + "]".repeat(depth);

    // when
    var payload = payloadOf(value.getBytes(StandardCharsets.UTF_8));

    // then
    assertThat(payload.kind()).isEqualTo(Payload.Kind.TEXT);
  }

  @Test
  void shouldHandleAFiveMegabyteJsonPayload() {
    // given
    var filler = "x".repeat(FIVE_MB);
    var value = "{\"orderId\":\"o-big\",\"filler\":\"" + filler + "\"}";

    // when
    var event = extractor.extract(record("orders").header("ce_type", "OrderPlaced").value(value).build());

    // then
    assertThat(event.payload().kind()).isEqualTo(Payload.Kind.JSON);
    assertThat(event.traceId()).isEqualTo("o-big");
  }

  @Test
  void shouldHandleFiveMegabytesOfBinaryAndText() {
    // given
    var binary = new byte[FIVE_MB];
    Arrays.fill(binary, (byte) 0xff);
    var text = new byte[FIVE_MB];
    Arrays.fill(text, (byte) 'a');

    // when
    var binaryPayload = payloadOf(binary);
    var textPayload = payloadOf(text);

    // then
    assertThat(binaryPayload.kind()).isEqualTo(Payload.Kind.BINARY);
    assertThat(textPayload.kind()).isEqualTo(Payload.Kind.TEXT);
  }
}
