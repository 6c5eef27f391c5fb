package io.choreography.tracker.rules.engine;

import io.choreography.tracker.rules.definition.After;
import io.choreography.tracker.rules.definition.EndKind;
import io.choreography.tracker.rules.definition.Escalation;
import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.StepDefinition;
import io.choreography.tracker.rules.definition.ValueSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Process definitions built as records, independent of the YAML loader. */
public final class Definitions {

  private Definitions() {}

  static StepDefinition step(String id, String topic, String type, List<String> after, Duration within,
      String choice, EndKind end, boolean optional, boolean repeat) {
    return new StepDefinition(id, topic, type, Map.of(), new After(After.Mode.ALL, after), within, choice, end,
        optional, repeat, 0);
  }

  /** Equal to the bundled order-fulfillment.yaml. */
  public static ProcessDefinition orderFulfillment() {
    return new ProcessDefinition("order-fulfillment", "Order fulfillment", "v1", "order-fulfillment.yaml",
        List.of(ValueSource.header("traceparent"), ValueSource.json("/orderId")),
        List.of(ValueSource.header("ce_type"), ValueSource.json("/type"), ValueSource.json("/eventType")),
        List.of(ValueSource.header("ce_time"), ValueSource.json("/occurredAt")),
        List.of(ValueSource.header("ce_id"), ValueSource.json("/eventId")),
        Duration.ofSeconds(30), Duration.ofDays(2),
        List.of(
            step("order-placed", "orders", "OrderPlaced", List.of(), null, null, null, false, false),
            step("payment-received", "payments", "PaymentReceived", List.of("order-placed"), Duration.ofMinutes(5),
                "payment", null, false, false),
            new StepDefinition("payment-failed", "payments", "PaymentResult", Map.of("/status", "FAILED"),
                new After(After.Mode.ALL, List.of("order-placed")), null, "payment", EndKind.FAILED, false, false, 0),
            step("goods-fetched", "inventory", "GoodsFetched", List.of("payment-received"), Duration.ofHours(1),
                null, null, false, false),
            step("status-updated", "orders", "OrderStatusChanged", List.of("order-placed"), null, null, null, true,
                true),
            step("goods-shipped", "shipping", "GoodsShipped", List.of("goods-fetched"), Duration.ofDays(1), null,
                EndKind.COMPLETED, false, false)),
        List.of(new Escalation(Duration.ofDays(14), "customer-notifications", "DelayNotice")));
  }

  /** The example of SPEC section 2: adds the optional invoice-sent and a second escalation. */
  public static ProcessDefinition specExample() {
    ProcessDefinition of = orderFulfillment();
    List<StepDefinition> steps = new java.util.ArrayList<>(of.steps());
    steps.add(4, step("invoice-sent", "billing", "InvoiceSent", List.of("payment-received"), null, null, null, true,
        false));
    return new ProcessDefinition(of.id(), of.name(), "v2", "spec.yaml", of.correlation(), of.eventType(),
        of.eventTime(), of.eventId(), of.reorderWindow(), of.deadline(), steps,
        List.of(new Escalation(Duration.ofDays(14), "customer-notifications", "DelayNotice"),
            new Escalation(Duration.ofDays(21), "order-commands", "CancelOrder")));
  }

  /** a -> (b | c) -> d (ANY-join) -> e (end). */
  public static ProcessDefinition anyJoin() {
    return new ProcessDefinition("any-join", null, "v1", "any.yaml", List.of(ValueSource.json("/id")),
        List.of(), List.of(), List.of(), null, null,
        List.of(
            step("a", "t", "A", List.of(), null, null, null, false, false),
            step("b", "t", "B", List.of("a"), null, null, null, true, false),
            step("c", "t", "C", List.of("a"), null, null, null, true, false),
            new StepDefinition("d", "t", "D", Map.of(), new After(After.Mode.ANY, List.of("b", "c")),
                Duration.ofMinutes(10), null, null, false, false, 0),
            step("e", "t", "E", List.of("d"), null, null, EndKind.COMPLETED, false, false)),
        List.of());
  }
}
