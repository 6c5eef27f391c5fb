package io.choreography.tracker.rules.extract;

import static io.choreography.tracker.rules.extract.ProcessFixture.extractor;
import static io.choreography.tracker.rules.extract.ProcessFixture.header;
import static io.choreography.tracker.rules.extract.ProcessFixture.json;
import static io.choreography.tracker.rules.extract.ProcessFixture.process;
import static io.choreography.tracker.rules.extract.RecordFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnmatchedRecordTest {

  private final RecordExtractor extractor = extractor(
      process("orders").correlation(json("/orderId")).eventType(json("/eventType")).eventTime(json("/occurredAt"))
          .eventId(json("/eventId")).step("placed", "orders", "OrderPlaced"),
      process("payments").correlation(header("x-correlation-id"), json("/orderId"))
          .step("paid", "payments", "PaymentReceived"));

  @Test
  void shouldReadDefaultsFirst() {
    // given
    var record = record("audit").header("ce_id", "ce-1").header("ce_type", "Audited")
        .header("ce_time", "2024-03-01T00:00:00Z")
        .value("{\"eventId\":\"e-1\",\"eventType\":\"Other\",\"occurredAt\":\"2020-01-01T00:00:00Z\"}").build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.matched()).isFalse();
    assertThat(event.eventId()).isEqualTo("ce-1");
    assertThat(event.type()).isEqualTo("Audited");
    assertThat(event.time()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
  }

  @Test
  void shouldFallBackToEverySourceOfTheLoadedDefinitions() {
    // given
    var record = record("audit")
        .value("{\"eventId\":\"e-1\",\"eventType\":\"Audited\",\"occurredAt\":\"2020-01-01T00:00:00Z\","
            + "\"orderId\":\"o-1\"}").build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.eventId()).isEqualTo("e-1");
    assertThat(event.type()).isEqualTo("Audited");
    assertThat(event.time()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(event.traceId()).isEqualTo("o-1");
  }

  @Test
  void shouldReadTheTraceIdFromTraceparentFirstThenCorrelationSourcesInLoadOrder() {
    // given
    var traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    var withTraceparent = record("audit").header("traceparent", traceparent).header("x-correlation-id", "c-1")
        .value("{\"orderId\":\"o-1\"}").build();
    var withoutTraceparent = record("audit").header("x-correlation-id", "c-1").value("{\"orderId\":\"o-1\"}").build();

    // when
    var first = extractor.extract(withTraceparent);
    var second = extractor.extract(withoutTraceparent);

    // then
    assertThat(first.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    // orders' /orderId comes before payments' x-correlation-id in load order
    assertThat(second.traceId()).isEqualTo("o-1");
  }

  @Test
  void shouldFallBackToCoordinatesAndRecordTimestamp() {
    // given
    var record = record("audit").at(2, 99).timestamp(1_234_567L).value("plain text").build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.eventId()).isEqualTo("audit-2-99");
    assertThat(event.time()).isEqualTo(Instant.ofEpochMilli(1_234_567L));
    assertThat(event.traceId()).isNull();
    assertThat(event.type()).isNull();
    assertThat(event.matches()).isEmpty();
  }

  @Test
  void shouldTreatARecordOnAStepTopicWithAnotherTypeAsUnmatched() {
    // given
    var record = record("orders").value("{\"eventType\":\"OrderCancelled\",\"orderId\":\"o-2\"}").build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.matched()).isFalse();
    assertThat(event.type()).isEqualTo("OrderCancelled");
    assertThat(event.traceId()).isEqualTo("o-2");
  }

  @Test
  void shouldWorkWithNoDefinitionsAtAll() {
    // given
    var empty = extractor();
    var record = record("orders").header("ce_type", "OrderPlaced").value("{\"id\":\"e-7\"}").build();

    // when
    var event = empty.extract(record);

    // then
    assertThat(event.type()).isEqualTo("OrderPlaced");
    assertThat(event.eventId()).isEqualTo("e-7");
    assertThat(event.matched()).isFalse();
  }
}
