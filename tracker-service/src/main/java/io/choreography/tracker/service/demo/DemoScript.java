package io.choreography.tracker.service.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the simulated services do with one order, and when: a list of actions, each some milliseconds after the
 * order was placed, emitting with the services' own clock at that moment. The demo schedules them on the wall
 * clock; a test can play them on a clock of its own.
 */
final class DemoScript {

  /** One service emitting an event {@code afterMillis} after the order was placed; {@code now} is that moment. */
  record Action(long afterMillis, Emission emission) {}

  @FunctionalInterface
  interface Emission {
    void emit(DemoEmitters emit, Instant now);
  }

  private DemoScript() {}

  static List<Action> of(DemoOrder order) {
    List<Action> a = new ArrayList<>();
    a.add(new Action(0, (e, now) -> e.checkout(order, "OrderPlaced", now,
        Map.of("items", 1 + (int) (order.total() / 100)))));
    // the shipping service's own id for the order's parcel (SPEC 3.12: its later events carry only this one)
    String parcel = "parcel-" + order.orderId().substring(0, Math.min(12, order.orderId().length()));
    switch (order.scenario()) {
      case HAPPY -> {
        a.add(new Action(1_000, (e, now) -> e.payment(order, "PaymentReceived", null, now)));
        a.add(new Action(1_500, (e, now) -> e.checkout(order, "OrderStatusChanged", now, Map.of("status", "PAID"))));
        a.add(new Action(2_500, (e, now) -> e.inventory(order, now)));
        a.add(new Action(3_000, (e, now) -> e.checkout(order, "OrderStatusChanged", now,
            Map.of("status", "PACKED"))));
        a.add(new Action(3_500, (e, now) -> e.checkout(order, "OrderStatusChanged", now,
            Map.of("status", "HANDED_TO_CARRIER"))));
        a.add(new Action(3_800, (e, now) -> e.parcelPacked(order, parcel, now)));
        a.add(new Action(4_000, (e, now) -> e.parcelShipped(parcel, now)));
      }
      case STUCK_IN_PAYMENT -> {
        // nothing more: payment-received falls due after its `within`
      }
      case STUCK_IN_INVENTORY -> a.add(new Action(1_000, (e, now) -> e.payment(order, "PaymentReceived", null, now)));
      case PAYMENT_FAILED -> a.add(new Action(1_000, (e, now) -> e.payment(order, "PaymentResult", "FAILED", now)));
      case OUT_OF_ORDER -> {
        a.add(new Action(1_000, (e, now) -> e.payment(order, "PaymentReceived", null, now)));
        a.add(new Action(2_000, (e, now) -> e.shipping(order, now)));
        // reported 13 s later, with a later event time: beyond the demo definition's 10 s reorder window
        a.add(new Action(15_000, (e, now) -> e.inventory(order, now)));
      }
      case REORDERED_IN_TRANSPORT -> {
        // delivered shipped, fetched, paid, each with the time it happened: in order by time, not by arrival
        a.add(new Action(1_000, (e, now) -> e.shipping(order, now.plusMillis(2_000))));
        a.add(new Action(1_500, (e, now) -> e.inventory(order, now.plusMillis(500))));
        a.add(new Action(2_000, (e, now) -> e.payment(order, "PaymentReceived", null, now.minusMillis(1_000))));
      }
      case PAID_TWICE -> {
        a.add(new Action(1_000, (e, now) -> e.payment(order, "PaymentReceived", null, now)));
        a.add(new Action(1_800, (e, now) -> e.payment(order, "PaymentReceived", null, now)));
        a.add(new Action(2_500, (e, now) -> e.inventory(order, now)));
        a.add(new Action(3_800, (e, now) -> e.parcelPacked(order, parcel, now)));
        a.add(new Action(4_000, (e, now) -> e.parcelShipped(parcel, now)));
      }
      case PAYMENT_WITHOUT_TRACE_CONTEXT ->
          a.add(new Action(1_000, (e, now) -> e.paymentWithoutTraceContext(order, "PaymentReceived", now)));
    }
    return a;
  }
}
