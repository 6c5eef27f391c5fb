package io.choreography.tracker.benchmarks;

import io.choreography.tracker.rules.definition.DefinitionLoader;
import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.engine.CompiledProcess;
import io.choreography.tracker.rules.engine.EngineEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * The bundled order-fulfillment process (built as records, equal to order-fulfillment.yaml) and the events of
 * its happy path with one status update: order-placed, payment-received, status-updated, goods-fetched,
 * goods-shipped. Event ids are UUID strings and trace ids 32 hex digits, as in the demo.
 */
final class OrderFulfillmentWorkload {

  static final int EVENTS_PER_INSTANCE = 5;
  static final long T0 = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();

  final CompiledProcess process = CompiledProcess.compile(definition());
  /** Creating events, one per instance (each with its own trace id). */
  final EngineEvent[] orderPlaced;
  /** The later events; the engine reads the trace id only when an event creates the instance. */
  final EngineEvent[] later = new EngineEvent[EVENTS_PER_INSTANCE - 1];

  OrderFulfillmentWorkload(int instances) {
    orderPlaced = new EngineEvent[instances];
    String[] steps = {"payment-received", "status-updated", "goods-fetched", "goods-shipped"};
    long[] times = {60_000, 90_000, 600_000, 3_600_000};
    for (int i = 0; i < instances; i++) {
      String trace = String.format("%032x", i * 0x9e3779b97f4a7c15L & Long.MAX_VALUE);
      orderPlaced[i] = EngineEvent.of(process, "order-placed", trace, uuid(i, 0), T0, "orders", "OrderPlaced", T0);
    }
    for (int k = 0; k < later.length; k++) {
      // each arrives when it happened
      later[k] = EngineEvent.of(process, steps[k], "-", uuid(-1, k + 1), T0 + times[k], "t", "T", T0 + times[k]);
    }
  }

  private static String uuid(long a, long b) {
    return new UUID(a * 0x9e3779b97f4a7c15L ^ 0x5bd1e995L, b * 0xc2b2ae3d27d4eb4fL ^ a).toString();
  }

  /** The k-th event (0..4) of instance i. */
  EngineEvent event(int instance, int k) {
    return k == 0 ? orderPlaced[instance] : later[k - 1];
  }

  /** The bundled order-fulfillment definition, loaded as the tracker loads it. */
  static ProcessDefinition definition() {
    return DefinitionLoader.loadBundledExamples().get("order-fulfillment");
  }

}
