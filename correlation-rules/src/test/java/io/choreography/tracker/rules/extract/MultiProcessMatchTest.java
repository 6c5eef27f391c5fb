package io.choreography.tracker.rules.extract;

import static io.choreography.tracker.rules.extract.ProcessFixture.extractor;
import static io.choreography.tracker.rules.extract.ProcessFixture.header;
import static io.choreography.tracker.rules.extract.ProcessFixture.json;
import static io.choreography.tracker.rules.extract.ProcessFixture.process;
import static io.choreography.tracker.rules.extract.RecordFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MultiProcessMatchTest {

  @Test
  void shouldMatchOneStepPerProcessInDefinitionOrder() {
    // given
    var extractor = extractor(
        process("fulfillment").correlation(json("/orderId")).eventId(json("/eventId"))
            .step("placed", "orders", "OrderPlaced"),
        process("unrelated").step("shipped", "shipping", "GoodsShipped"),
        process("billing").correlation(json("/customer/id")).eventTime(json("/billedAt"))
            .step("order-seen", "orders*", "OrderPlaced"));
    var record = record("orders").value("{\"type\":\"OrderPlaced\",\"orderId\":\"o-1\",\"eventId\":\"e-1\","
        + "\"id\":\"default-id\",\"customer\":{\"id\":\"c-9\"},\"time\":\"2024-01-01T00:00:00Z\","
        + "\"billedAt\":\"2024-01-02T00:00:00Z\"}").build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.matches()).containsExactly(
        new StepMatch("fulfillment", "placed", "o-1", "e-1", Instant.parse("2024-01-01T00:00:00Z")),
        new StepMatch("billing", "order-seen", "c-9", "default-id", Instant.parse("2024-01-02T00:00:00Z")));
    assertThat(event.traceId()).isEqualTo("o-1");
    assertThat(event.eventId()).isEqualTo("e-1");
    assertThat(event.type()).isEqualTo("OrderPlaced");
    assertThat(event.time()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
  }

  @Test
  void shouldTakeTheFirstMatchingStepOfAProcess() {
    // given
    var extractor = extractor(process("payments")
        .step("failed", "payments", "PaymentResult", "/status", "FAILED")
        .step("any-result", "payments", "PaymentResult")
        .step("also-any", "pay*", "PaymentResult"));

    // when
    var failed = extractor.extract(record("payments")
        .value("{\"type\":\"PaymentResult\",\"status\":\"FAILED\"}").build());
    var ok = extractor.extract(record("payments").value("{\"type\":\"PaymentResult\",\"status\":\"OK\"}").build());

    // then
    assertThat(failed.matches()).extracting(StepMatch::step).containsExactly("failed");
    assertThat(ok.matches()).extracting(StepMatch::step).containsExactly("any-result");
  }

  @Test
  void shouldReadTheTypeWithEachProcessesOwnSources() {
    // given
    var extractor = extractor(
        process("a").eventType(header("x-type")).step("s", "t", "A"),
        process("b").eventType(json("/kind")).step("s", "t", "B"));
    var record = record("t").header("x-type", "A").value("{\"kind\":\"B\"}").build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.matches()).extracting(StepMatch::process).containsExactly("a", "b");
    assertThat(event.type()).isEqualTo("A");
  }

  @Test
  void shouldMatchAnUncorrelatedEventWithANullTraceId() {
    // given
    var extractor = extractor(process("orders").correlation(json("/orderId")).step("placed", "orders", "OrderPlaced"));

    // when
    var event = extractor.extract(record("orders").value("{\"type\":\"OrderPlaced\"}").build());

    // then
    assertThat(event.matches()).singleElement().satisfies(m -> {
      assertThat(m.step()).isEqualTo("placed");
      assertThat(m.traceId()).isNull();
    });
  }

  @Test
  void shouldMatchTheTypeExactly() {
    // given
    var extractor = extractor(process("orders").step("placed", "orders", "OrderPlaced"));

    // when
    var event = extractor.extract(record("orders").header("ce_type", "orderplaced").build());

    // then
    assertThat(event.matched()).isFalse();
  }
}
