package io.choreography.tracker.benchmarks;

import io.choreography.tracker.rules.engine.EngineOutput;
import io.choreography.tracker.rules.engine.InstanceState;
import io.choreography.tracker.rules.engine.InstanceStateCodec;
import io.choreography.tracker.rules.engine.ProcessTracker;

/** Prints the encoded size of an order-fulfillment instance after each event of its happy path. */
final class StateSizes {

  private StateSizes() {}

  static void print(OrderFulfillmentWorkload workload, ProcessTracker tracker) {
    String[] after = {"order-placed", "payment-received", "status-updated", "goods-fetched", "goods-shipped"};
    EngineOutput out = new EngineOutput();
    InstanceState s = null;
    StringBuilder sb = new StringBuilder("serialized state bytes per instance (UUID event ids, 32-hex trace id):");
    int openSum = 0;
    for (int k = 0; k < after.length; k++) {
      s = tracker.apply(s, workload.event(0, k), out).state();
      int bytes = InstanceStateCodec.encode(s).length;
      sb.append("\n  after ").append(after[k]).append(": ").append(bytes).append(" B");
      if (k < after.length - 1) {
        openSum += bytes;
      }
    }
    sb.append("\n  mean over the open stages: ").append(openSum / (after.length - 1)).append(" B");
    System.out.println(sb);
  }

  public static void main(String[] args) {
    OrderFulfillmentWorkload w = new OrderFulfillmentWorkload(1);
    print(w, new ProcessTracker(w.process, io.choreography.tracker.rules.engine.StuckMessageHint.NONE));
  }
}
