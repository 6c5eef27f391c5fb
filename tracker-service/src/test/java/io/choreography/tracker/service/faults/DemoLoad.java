package io.choreography.tracker.service.faults;

import io.choreography.tracker.service.demo.DemoEmitters;
import io.choreography.tracker.service.demo.DemoOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Demo orders whose end is decided by their events and the clock alone: 70 % completed, 15 % failed payments, 15 %
 * stuck (placed ten minutes ago, payment due after five, never paid).
 */
final class DemoLoad {

  private final DemoEmitters emit;
  /** Numbers the orders across calls, so that the mix holds however the load is sliced. */
  private int orders;

  DemoLoad(DemoEmitters emit) {
    this.emit = emit;
  }

  /** Emits orders until exactly {@code events} events are sent; returns how many were sent. */
  int emit(int events, List<Future<RecordMetadata>> sends) {
    int sent = 0;
    while (sent < events) {
      int i = orders++;
      DemoOrder order = DemoOrder.next(DemoOrder.Scenario.HAPPY);
      Instant t = Instant.now();
      int kind = i % 20;
      if (kind < 14 && sent + 4 <= events) {
        sends.add(emit.checkout(order, "OrderPlaced", t, Map.of()));
        sends.add(emit.payment(order, "PaymentReceived", null, t.plusMillis(1)));
        sends.add(emit.inventory(order, t.plusMillis(2)));
        sends.add(emit.shipping(order, t.plusMillis(3)));
        sent += 4;
      } else if (kind < 17 && sent + 2 <= events) {
        sends.add(emit.checkout(order, "OrderPlaced", t, Map.of()));
        sends.add(emit.payment(order, "PaymentResult", "FAILED", t.plusMillis(1)));
        sent += 2;
      } else {
        // overdue on arrival: the tracker's next timer tick marks it STUCK
        sends.add(emit.checkout(order, "OrderPlaced", t.minus(Duration.ofMinutes(10)), Map.of()));
        sent += 1;
      }
    }
    return sent;
  }
}
