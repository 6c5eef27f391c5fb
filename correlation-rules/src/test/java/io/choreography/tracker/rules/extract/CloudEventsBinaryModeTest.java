package io.choreography.tracker.rules.extract;

import static io.choreography.tracker.rules.extract.ProcessFixture.extractor;
import static io.choreography.tracker.rules.extract.ProcessFixture.json;
import static io.choreography.tracker.rules.extract.ProcessFixture.process;
import static io.choreography.tracker.rules.extract.RecordFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CloudEventsBinaryModeTest {

  private final RecordExtractor extractor = extractor(process("orders")
      .correlation(json("/orderId"))
      .step("placed", "orders", "OrderPlaced"));

  @Test
  void shouldReadAttributesFromCeHeadersAndPointersFromTheValue() {
    // given
    var record = record("orders")
        .header("ce_specversion", "1.0")
        .header("ce_id", "evt-1")
        .header("ce_source", "/checkout")
        .header("ce_type", "OrderPlaced")
        .header("ce_time", "2024-05-01T10:15:30Z")
        .header("content-type", "application/json")
        .value("{\"orderId\":\"o-1\",\"total\":12.5}")
        .build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.cloudEvent()).isTrue();
    assertThat(event.eventId()).isEqualTo("evt-1");
    assertThat(event.type()).isEqualTo("OrderPlaced");
    assertThat(event.time()).isEqualTo(Instant.parse("2024-05-01T10:15:30Z"));
    assertThat(event.traceId()).isEqualTo("o-1");
    assertThat(event.payload()).isEqualTo(new Payload(Payload.Kind.JSON, "{\"orderId\":\"o-1\",\"total\":12.5}"));
    assertThat(event.matches()).containsExactly(
        new StepMatch("orders", "placed", "o-1", "evt-1", Instant.parse("2024-05-01T10:15:30Z")));
  }

  @Test
  void shouldKeepANonJsonBinaryModeValueAsText() {
    // given
    var record = record("orders").header("ce_specversion", "1.0").header("ce_type", "OrderPlaced")
        .header("content-type", "text/plain").value("order o-1 placed").build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.cloudEvent()).isTrue();
    assertThat(event.payload()).isEqualTo(new Payload(Payload.Kind.TEXT, "order o-1 placed"));
    assertThat(event.matches()).singleElement().extracting(StepMatch::traceId).isNull();
  }

  @Test
  void shouldNotReadABinaryModeValueAsAStructuredEvent() {
    // given: the value happens to look like a CloudEvent, but the headers say binary mode
    var record = record("orders").header("ce_specversion", "1.0").header("ce_type", "OrderPlaced")
        .value("{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/s\",\"type\":\"Other\",\"orderId\":\"o-2\"}")
        .build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.type()).isEqualTo("OrderPlaced");
    assertThat(event.traceId()).isEqualTo("o-2");
  }
}
