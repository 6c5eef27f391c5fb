package io.choreography.tracker.benchmarks;

import io.choreography.tracker.rules.engine.ByteSink;
import io.choreography.tracker.rules.engine.EngineOutput;
import io.choreography.tracker.rules.engine.InstanceState;
import io.choreography.tracker.rules.engine.InstanceStateCodec;
import io.choreography.tracker.rules.engine.ProcessTracker;
import io.choreography.tracker.rules.engine.StuckMessageHint;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine alone on one core: the order-fulfillment happy path over 1,000,000 instances, events interleaved
 * round-robin (event k of every instance, then event k+1 of every instance), so each event touches a cold
 * instance as in a real partition. Events arrive in order, each when it happened: nothing is early, and no
 * timer is fired (that is the topology's tick). One benchmark operation = one event.
 *
 * <ul>
 *   <li>{@code apply}: states held in an array, {@code ProcessTracker.apply} only.
 *   <li>{@code applySerializeDeserialize}: states held as encoded bytes (as in the state store): decode, apply,
 *       encode per event.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class EngineBenchmark {

  @State(Scope.Thread)
  public static class InMemory {
    @Param("1000000")
    int instances;

    OrderFulfillmentWorkload workload;
    ProcessTracker tracker;
    InstanceState[] states;
    final EngineOutput out = new EngineOutput();
    int instance;
    int round;

    @Setup(Level.Trial)
    public void setUp() {
      workload = new OrderFulfillmentWorkload(instances);
      tracker = new ProcessTracker(workload.process, StuckMessageHint.NONE);
      states = new InstanceState[instances];
      // two rounds up front so that a million instances are open when measuring starts
      for (int k = 0; k < 2; k++) {
        for (int i = 0; i < instances; i++) {
          states[i] = tracker.apply(k == 0 ? null : states[i], workload.event(i, k), out).state();
        }
      }
      round = 2;
    }

    long next() {
      int i = instance;
      int k = round;
      tracker.apply(k == 0 ? null : states[i], workload.event(i, k), out);
      states[i] = out.state();
      if (++instance == instances) {
        instance = 0;
        round = (round + 1) % OrderFulfillmentWorkload.EVENTS_PER_INSTANCE;
      }
      return out.nextDueAtMillis();
    }
  }

  @State(Scope.Thread)
  public static class Stored {
    @Param("1000000")
    int instances;

    OrderFulfillmentWorkload workload;
    ProcessTracker tracker;
    byte[][] stored;
    final EngineOutput out = new EngineOutput();
    final ByteSink sink = new ByteSink(256);
    int instance;
    int round;

    @Setup(Level.Trial)
    public void setUp() {
      workload = new OrderFulfillmentWorkload(instances);
      tracker = new ProcessTracker(workload.process, StuckMessageHint.NONE);
      stored = new byte[instances][];
      // two rounds up front so that a million instances are open when measuring starts
      for (int k = 0; k < 2; k++) {
        for (int i = 0; i < instances; i++) {
          InstanceState s = k == 0 ? null : InstanceStateCodec.decode(workload.process, stored[i]);
          stored[i] = InstanceStateCodec.encode(tracker.apply(s, workload.event(i, k), out).state());
        }
      }
      round = 2;
      StateSizes.print(workload, tracker);
    }

    int next() {
      int i = instance;
      int k = round;
      InstanceState s = k == 0 ? null : InstanceStateCodec.decode(workload.process, stored[i]);
      tracker.apply(s, workload.event(i, k), out);
      sink.clear();
      InstanceStateCodec.encode(out.state(), sink);
      stored[i] = sink.toByteArray();
      if (++instance == instances) {
        instance = 0;
        round = (round + 1) % OrderFulfillmentWorkload.EVENTS_PER_INSTANCE;
      }
      return stored[i].length;
    }
  }

  @Benchmark
  public long apply(InMemory state) {
    return state.next();
  }

  @Benchmark
  public int applySerializeDeserialize(Stored state) {
    return state.next();
  }
}
