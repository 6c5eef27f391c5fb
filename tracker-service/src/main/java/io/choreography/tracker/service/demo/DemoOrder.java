package io.choreography.tracker.service.demo;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One order of the demo and what will happen to it. The order id is a 32-hex W3C trace id, so the payment
 * service (which only propagates {@code traceparent}) and the others (which carry {@code orderId}) agree.
 */
public record DemoOrder(String orderId, Scenario scenario, String customer, double total) {

  /**
   * What the simulated services do with an order; some go wrong on purpose. The times are the demo definition's
   * (tracker-service/.../demo/order-fulfillment.yaml): each kind of incident shows within about a minute.
   */
  public enum Scenario {
    HAPPY,
    /** Payment never arrives: STUCK once payment-received falls due, DEADLINE later; escalated meanwhile. */
    STUCK_IN_PAYMENT,
    /** Paid, but the goods are never fetched. */
    STUCK_IN_INVENTORY,
    /** Payment fails: the instance ends FAILED. */
    PAYMENT_FAILED,
    /** Shipped before the goods were fetched, the fetch reported well after the reorder window: OUT_OF_ORDER. */
    OUT_OF_ORDER,
    /** Transport reordering: events arrive in the wrong order within the reorder window; no incident. */
    REORDERED_IN_TRANSPORT,
    /** The payment service reports the payment twice, with two event ids: UNEXPECTED. */
    PAID_TWICE,
    /** The payment service loses the trace context: its event yields no trace id (UNCORRELATED). */
    PAYMENT_WITHOUT_TRACE_CONTEXT;

    /** The demo's first orders, one of each scenario, so that every kind of incident shows early. */
    static final List<Scenario> FIRST = List.of(HAPPY, STUCK_IN_PAYMENT, PAYMENT_FAILED, OUT_OF_ORDER, PAID_TWICE,
        PAYMENT_WITHOUT_TRACE_CONTEXT, STUCK_IN_INVENTORY, REORDERED_IN_TRANSPORT);

    /** The scenario of the n-th order (from 1): the first ones in turn, then at random, most of them happy. */
    static Scenario of(long n) {
      return n <= FIRST.size() ? FIRST.get((int) n - 1) : pick();
    }

    static Scenario pick() {
      int r = ThreadLocalRandom.current().nextInt(100);
      if (r < 70) {
        return HAPPY;
      } else if (r < 75) {
        return STUCK_IN_PAYMENT;
      } else if (r < 78) {
        return STUCK_IN_INVENTORY;
      } else if (r < 85) {
        return PAYMENT_FAILED;
      } else if (r < 90) {
        return OUT_OF_ORDER;
      } else if (r < 96) {
        return REORDERED_IN_TRANSPORT;
      } else if (r < 98) {
        return PAID_TWICE;
      }
      return PAYMENT_WITHOUT_TRACE_CONTEXT;
    }
  }

  public static DemoOrder next(Scenario scenario) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String id = String.format("%016x%016x", random.nextLong(), random.nextLong());
    String customer = "customer-" + random.nextInt(1, 5000);
    double total = Math.round(random.nextDouble(5, 500) * 100) / 100.0;
    return new DemoOrder(id, scenario, customer, total);
  }
}
