package io.choreography.tracker.rules.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.drift.DriftCount;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.engine.Definitions;
import io.choreography.tracker.rules.engine.StuckMessageHint;
import io.choreography.tracker.rules.engine.EscalationCommand;
import io.choreography.tracker.rules.tracking.InstanceChange;
import io.choreography.tracker.rules.tracking.PublishedChange;
import io.choreography.tracker.rules.tracking.Tracker;
import io.choreography.tracker.rules.tracking.TrackerCounters;
import io.choreography.tracker.rules.tracking.LocalRouting;
import io.choreography.tracker.rules.tracking.MatchedEvent;
import io.choreography.tracker.rules.tracking.state.memory.InMemoryTrackingState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftCounterTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final long T0 = 1_764_000_000_000L;

  private final ProcessDefinitions definitions = new ProcessDefinitions(List.of(Definitions.orderFulfillment(),
      Definitions.anyJoin()));
  private final InMemoryTrackingState state = new InMemoryTrackingState();
  private final Tracker tracker = new Tracker(definitions, StuckMessageHint.NONE, Duration.ofHours(1), state,
      new LocalRouting() {
        @Override
        public void instanceChanged(InstanceChange change) {}

        @Override
        public void incidentChanged(PublishedChange change, long at) {}

        @Override
        public void escalation(EscalationCommand command, long at) {}
      }, new TrackerCounters() {});
  private final Map<String, DriftCount> store = new HashMap<>();
  private final List<DriftCount> published = new ArrayList<>();
  private final DriftCounter counter = new DriftCounter(definitions, state.instances(), new DriftCounts() {
    @Override
    public DriftCount get(String key) {
      return store.get(key);
    }

    @Override
    public void put(DriftCount count) {
      store.put(count.key(), count);
    }
  }, 5, published::add);

  private void step(String step, long at) {
    tracker.apply(new MatchedEvent("order-fulfillment", step, TRACE, step + "-1", at, "orders", "T", at));
  }

  @Test
  void shouldCountAnUnmodelledTypeOnTheTraceOfAnInstanceWithTheStepItCameAfter() {
    step("order-placed", T0);
    step("payment-received", T0 + 1_000);
    counter.unmatched(TRACE, "payments", "PaymentRefunded", "payments-0-7", T0 + 5_000);
    counter.unmatched(TRACE, "payments", "PaymentRefunded", "payments-0-9", T0 + 3_000);

    assertThat(published).hasSize(2);
    DriftCount c = published.get(1);
    assertThat(c.process()).isEqualTo("order-fulfillment");
    assertThat(c.key()).isEqualTo("order-fulfillment/payments/PaymentRefunded/5");
    assertThat(c.count()).isEqualTo(2);
    assertThat(c.firstSeen()).isEqualTo(T0 + 3_000);
    assertThat(c.lastSeen()).isEqualTo(T0 + 5_000);
    assertThat(c.exampleEventId()).isEqualTo("payments-0-9");
    assertThat(c.exampleTraceId()).isEqualTo(TRACE);
    assertThat(c.suggestedStepId()).isEqualTo("payment-refunded");
    assertThat(c.suggestedAfter()).containsExactly("payment-received");
    assertThat(store).containsOnlyKeys(c.key());
  }

  @Test
  void shouldSuggestTheStepReachedLastBeforeTheEventArrivedNotTheOneReachedSince() {
    step("order-placed", T0);
    step("payment-received", T0 + 10_000);
    counter.unmatched(TRACE, "orders", "OrderNoteAdded", "orders-0-3", T0 + 2_000);
    assertThat(published.get(0).suggestedAfter()).containsExactly("order-placed");
    counter.unmatched(TRACE, "orders", "OrderNoteAdded", "orders-0-4", T0 - 1_000);
    assertThat(published.get(1).suggestedAfter()).isEmpty();
  }

  @Test
  void shouldCountNothingOnATraceWithoutAnInstanceOrWithoutTraceIdOrType() {
    step("order-placed", T0);
    counter.unmatched("0af7651916cd43dd8448eb211c80319c", "payments", "PaymentRefunded", "payments-0-1", T0);
    counter.unmatched(null, "payments", "PaymentRefunded", "payments-0-2", T0);
    counter.unmatched(TRACE, "payments", null, "payments-0-3", T0);
    assertThat(published).isEmpty();
    assertThat(store).isEmpty();
  }

  @Test
  void shouldCountPerTypeAndTopic() {
    step("order-placed", T0);
    counter.unmatched(TRACE, "payments", "PaymentRefunded", "e1", T0);
    counter.unmatched(TRACE, "orders", "PaymentRefunded", "e2", T0);
    counter.unmatched(TRACE, "orders", "OrderNoteAdded", "e3", T0);
    assertThat(store).containsOnlyKeys("order-fulfillment/payments/PaymentRefunded/5",
        "order-fulfillment/orders/PaymentRefunded/5", "order-fulfillment/orders/OrderNoteAdded/5");
    assertThat(store.values()).allSatisfy(c -> assertThat(c.suggestedAfter()).containsExactly("order-placed"));
  }

  @Test
  void shouldSuggestStepIdsInTheDefinitionsIdFormat() {
    assertThat(DriftCounter.stepId("PaymentRefunded")).isEqualTo("payment-refunded");
    assertThat(DriftCounter.stepId("payment.refunded")).isEqualTo("payment-refunded");
    assertThat(DriftCounter.stepId("PAYMENT_REFUNDED")).isEqualTo("payment-refunded");
    assertThat(DriftCounter.stepId("HTTPRequestSent")).isEqualTo("http-request-sent");
    assertThat(DriftCounter.stepId("order2Shipped")).isEqualTo("order2-shipped");
    assertThat(DriftCounter.stepId("com.example.Bestellung-geändert")).isEqualTo("com-example-bestellung-ge-ndert");
    assertThat(DriftCounter.stepId("___")).isEqualTo("step");
    assertThat(DriftCounter.stepId("A".repeat(200))).hasSize(63).matches("[a-z0-9][a-z0-9-]{0,62}");
  }
}
