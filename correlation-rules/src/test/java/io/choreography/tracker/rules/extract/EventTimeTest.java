package io.choreography.tracker.rules.extract;

import static io.choreography.tracker.rules.extract.ProcessFixture.extractor;
import static io.choreography.tracker.rules.extract.ProcessFixture.json;
import static io.choreography.tracker.rules.extract.ProcessFixture.process;
import static io.choreography.tracker.rules.extract.RecordFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventTimeTest {

  private final RecordExtractor extractor = extractor(process("orders")
      .eventTime(json("/occurredAt"), json("/fallbackTime"))
      .step("placed", "orders", "OrderPlaced"));

  private Instant timeOf(String occurredAtJson) {
    var payload = "{\"type\":\"OrderPlaced\",\"occurredAt\":" + occurredAtJson + "}";
    return extractor.extract(record("orders").timestamp(RecordFixture.TIMESTAMP).value(payload).build()).time();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"2024-05-01T10:15:30Z\" | 2024-05-01T10:15:30Z",
      "\"2024-05-01T10:15:30.123456789Z\" | 2024-05-01T10:15:30.123456789Z",
      "\"2024-05-01T12:15:30+02:00\" | 2024-05-01T10:15:30Z",
      "\"2024-05-01T05:15:30-05:00\" | 2024-05-01T10:15:30Z",
      "\"2024-05-01T10:15:30\" | 2024-05-01T10:15:30Z",
      "\"2024-05-01 10:15:30Z\" | 2024-05-01T10:15:30Z",
      "\"2024-05-01T12:15:30+02:00[Europe/Paris]\" | 2024-05-01T10:15:30Z",
      "1714558530000 | 2024-05-01T10:15:30Z",
      "1714558530000.5 | 2024-05-01T10:15:30.000500Z",
      "\"1714558530000\" | 2024-05-01T10:15:30Z",
      "1.71455853E12 | 2024-05-01T10:15:30Z"})
  void shouldParseIsoDateTimesAndEpochMillis(String value, String expected) {
    // when
    var time = timeOf(value);

    // then
    assertThat(time).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"yesterday\"", "\"2024-13-01T10:15:30Z\"", "\"2024-05-01\"", "\"\"", "true", "null", "{}",
      "\"99999999999999999999\"", "\"2024-05-01T10:15:30+99:00\""})
  void shouldFallBackToTheRecordTimestampForGarbage(String value) {
    // when
    var time = timeOf(value);

    // then
    assertThat(time).isEqualTo(Instant.ofEpochMilli(RecordFixture.TIMESTAMP));
  }

  @Test
  void shouldFallThroughAnUnparsableValueToTheNextSource() {
    // given
    var payload = "{\"type\":\"OrderPlaced\",\"occurredAt\":\"soon\",\"fallbackTime\":\"2024-05-01T10:15:30Z\"}";

    // when
    var time = extractor.extract(record("orders").value(payload).build()).time();

    // then
    assertThat(time).isEqualTo(Instant.parse("2024-05-01T10:15:30Z"));
  }

  @Test
  void shouldUseTheCeTimeHeaderByDefault() {
    // given
    var defaults = extractor(process("orders").step("placed", "orders", "OrderPlaced"));
    var record = record("orders").header("ce_type", "OrderPlaced").header("ce_time", "2024-05-01T10:15:30Z").build();

    // when
    var time = defaults.extract(record).time();

    // then
    assertThat(time).isEqualTo(Instant.parse("2024-05-01T10:15:30Z"));
  }
}
