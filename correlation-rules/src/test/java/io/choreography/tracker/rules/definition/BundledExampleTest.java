package io.choreography.tracker.rules.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundledExampleTest {

  @Test
  void shouldLoadTheOrderFulfillmentExample() {
    // given the bundled examples

    // when
    ProcessDefinitions definitions = DefinitionLoader.loadBundledExamples();

    // then
    assertThat(definitions.size()).isEqualTo(1);
    ProcessDefinition p = definitions.get("order-fulfillment");
    assertThat(p.name()).isEqualTo("Order fulfillment");
    assertThat(p.source()).isEqualTo("classpath:io/choreography/tracker/definitions/order-fulfillment.yaml");
    assertThat(p.version()).matches("[0-9a-f]{12}");
    assertThat(p.correlation()).containsExactly(ValueSource.header("traceparent"), ValueSource.json("/orderId"));
    assertThat(p.eventType()).containsExactly(
        ValueSource.header("ce_type"), ValueSource.json("/type"), ValueSource.json("/eventType"));
    assertThat(p.eventTime()).containsExactly(ValueSource.header("ce_time"), ValueSource.json("/occurredAt"));
    assertThat(p.eventId()).containsExactly(ValueSource.header("ce_id"), ValueSource.json("/eventId"));
    assertThat(p.reorderWindow()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.deadline()).isEqualTo(Duration.ofDays(2));
    assertThat(p.steps()).extracting(StepDefinition::id).containsExactly("order-placed", "payment-received",
        "payment-failed", "goods-fetched", "status-updated", "goods-shipped");
    assertThat(p.escalations()).containsExactly(
        new Escalation(Duration.ofDays(14), "customer-notifications", "DelayNotice"));
  }

  @Test
  void shouldReadEveryStepAttributeOfTheExample() {
    // given
    ProcessDefinition p = DefinitionLoader.loadBundledExamples().get("order-fulfillment");

    // when
    StepDefinition placed = p.step("order-placed");
    StepDefinition paid = p.step("payment-received");
    StepDefinition failed = p.step("payment-failed");
    StepDefinition status = p.step("status-updated");
    StepDefinition shipped = p.step("goods-shipped");

    // then
    assertThat(placed.isStart()).isTrue();
    assertThat(placed.topic()).isEqualTo("orders");
    assertThat(placed.type()).isEqualTo("OrderPlaced");
    assertThat(placed.line()).isEqualTo(23);
    assertThat(paid.after()).isEqualTo(new After(After.Mode.ALL, java.util.List.of("order-placed")));
    assertThat(paid.within()).isEqualTo(Duration.ofMinutes(5));
    assertThat(paid.choice()).isEqualTo("payment");
    assertThat(paid.end()).isNull();
    assertThat(failed.where()).isEqualTo(Map.of("/status", "FAILED"));
    assertThat(failed.end()).isEqualTo(EndKind.FAILED);
    assertThat(status.optional()).isTrue();
    assertThat(status.repeat()).isTrue();
    assertThat(status.within()).isNull();
    assertThat(shipped.end()).isEqualTo(EndKind.COMPLETED);
    assertThat(shipped.within()).isEqualTo(Duration.ofDays(1));
  }
}
