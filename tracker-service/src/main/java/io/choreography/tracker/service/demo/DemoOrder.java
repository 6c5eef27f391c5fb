package io.choreography.tracker.service.demo;

import java.util.concurrent.ThreadLocalRandom;

/**
 * One order of the demo and what will happen to it. The order id is a 32-hex W3C trace id, so the payment
 * service (which only propagates {@code traceparent}) and the others (which carry {@code orderId}) agree.
 */
public record DemoOrder(String orderId, Scenario scenario, String customer, double total) {

  /** What the simulated services do with an order; some go wrong on purpose. */
  public enum Scenario {
    HAPPY,
    /** Payment never arrives: STUCK once payment-received falls due. */
    STUCK_IN_PAYMENT,
    /** Paid, but the goods are never fetched. */
    STUCK_IN_INVENTORY,
    /** Payment fails: the instance ends FAILED. */
    PAYMENT_FAILED,
    /** Shipped before the goods were fetched, the fetch reported well after the reorder window. */
    OUT_OF_ORDER,
    /** Transport reordering: events arrive in the wrong order within the reorder window; no incident. */
    REORDERED_IN_TRANSPORT;

    static Scenario pick() {
      int r = ThreadLocalRandom.current().nextInt(100);
      if (r < 72) {
        return HAPPY;
      } else if (r < 77) {
        return STUCK_IN_PAYMENT;
      } else if (r < 80) {
        return STUCK_IN_INVENTORY;
      } else if (r < 87) {
        return PAYMENT_FAILED;
      } else if (r < 92) {
        return OUT_OF_ORDER;
      }
      return REORDERED_IN_TRANSPORT;
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
