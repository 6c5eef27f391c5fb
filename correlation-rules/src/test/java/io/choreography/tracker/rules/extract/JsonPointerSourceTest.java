package io.choreography.tracker.rules.extract;

import static io.choreography.tracker.rules.extract.ProcessFixture.extractor;
import static io.choreography.tracker.rules.extract.ProcessFixture.json;
import static io.choreography.tracker.rules.extract.ProcessFixture.process;
import static io.choreography.tracker.rules.extract.RecordFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPointerSourceTest {

  private static RecordExtractor correlatedBy(String pointer) {
    return extractor(process("orders").correlation(json(pointer)).step("placed", "orders", "OrderPlaced"));
  }

  private static String traceIdOf(String pointer, String payload) {
    return correlatedBy(pointer).extract(record("orders").header("ce_type", "OrderPlaced").value(payload).build())
        .traceId();
  }

  @Test
  void shouldReadAString() {
    // given
    var payload = "{\"type\":\"OrderPlaced\",\"order\":{\"id\":\"o-1\"}}";

    // when
    var traceId = traceIdOf("/order/id", payload);

    // then
    assertThat(traceId).isEqualTo("o-1");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "42 | 42",
      "-7 | -7",
      "42.0 | 42",
      "4.20 | 4.2",
      "1e3 | 1000",
      "12345678901234567890 | 12345678901234567890",
      "0.000001 | 0.000001"})
  void shouldRenderNumbersCanonically(String number, String expected) {
    // given
    var payload = "{\"orderId\":" + number + "}";

    // when
    var traceId = traceIdOf("/orderId", payload);

    // then
    assertThat(traceId).isEqualTo(expected);
  }

  @Test
  void shouldUnescapeTildeZeroAndTildeOne() {
    // given
    var payload = "{\"a/b\":{\"c~d\":\"escaped\"}}";

    // when
    var traceId = traceIdOf("/a~1b/c~0d", payload);

    // then
    assertThat(traceId).isEqualTo("escaped");
  }

  @Test
  void shouldIndexIntoArrays() {
    // given
    var payload = "{\"items\":[{\"sku\":\"s-1\"},{\"sku\":\"s-2\"}]}";

    // when
    var traceId = traceIdOf("/items/1/sku", payload);

    // then
    assertThat(traceId).isEqualTo("s-2");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"other\":1}",
      "{\"orderId\":null}",
      "{\"orderId\":{\"id\":1}}",
      "{\"orderId\":[1]}",
      "{\"orderId\":true}",
      "{\"orderId\":\"\"}",
      "[1,2]",
      "not json"})
  void shouldYieldNoValueForMissingOrNonScalar(String payload) {
    // when
    var traceId = traceIdOf("/orderId", payload);

    // then
    assertThat(traceId).isNull();
  }

  @Test
  void shouldYieldNoValueForAnInvalidPointer() {
    // when
    var traceId = traceIdOf("orderId", "{\"orderId\":\"o-1\"}");

    // then
    assertThat(traceId).isNull();
  }

  @Test
  void shouldTakeTheFirstSourceThatYieldsAValue() {
    // given
    var extractor = extractor(process("orders").correlation(json("/missing"), json("/second"), json("/third"))
        .step("placed", "orders", "OrderPlaced"));
    var record = record("orders").value("{\"type\":\"OrderPlaced\",\"second\":\"2\",\"third\":\"3\"}").build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.traceId()).isEqualTo("2");
  }
}
