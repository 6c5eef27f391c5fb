package io.choreography.tracker.benchmarks;

import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.intake.ForwardedMatch;
import io.choreography.tracker.model.intake.KeyLink;
import io.choreography.tracker.rules.definition.DefinitionLoader;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.engine.EscalationCommand;
import io.choreography.tracker.rules.engine.StuckMessageHint;
import io.choreography.tracker.rules.tracking.InstanceChange;
import io.choreography.tracker.rules.tracking.InstanceKeys;
import io.choreography.tracker.rules.tracking.LocalRouting;
import io.choreography.tracker.rules.tracking.MatchedEvent;
import io.choreography.tracker.rules.tracking.PublishedChange;
import io.choreography.tracker.rules.tracking.Tracker;
import io.choreography.tracker.rules.tracking.TrackerCounters;
import io.choreography.tracker.rules.tracking.state.KeyLinkEntries;
import io.choreography.tracker.rules.tracking.state.memory.InMemoryTrackingState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The whole tracking semantics ({@link Tracker}: instances, timers, incident lifecycle, visible changes) on in-memory
 * state, one core, with and without business keys (SPEC 3.12). The process has five steps; in {@code threeKeys} it
 * names three keys and its events change ids as a real choreography does:
 *
 * <pre>
 * placed    {orderId}                      creates the instance
 * paid      {orderId, paymentId}           links paymentId
 * settled   {paymentId}                    joins through paymentId
 * fetched   {paymentId, shipmentId}        joins through paymentId, links shipmentId
 * shipped   {shipmentId, parcelId}         joins through shipmentId, links parcelId, ends the instance
 * </pre>
 *
 * {@code noKeys} runs the same five events, each with the order id, on the same process without keys. Events are
 * interleaved round-robin over the instances (event k of every instance, then event k+1), each arriving when it
 * happened; what the tracker routes (lookups, links, joined events) is delivered at once ({@link LocalRouting}, as in
 * replay), and counts with the event that caused it. After the last round every instance starts over under a new
 * order id, and before each round the timers due by then fire: the ended instances of the cycle before leave the
 * store after their 1 s retention, with their links. One operation = one business event; the operation that fires
 * a cycle's purge visits 200,000 timers, so iterations shorter than a cycle (about 10 s) swing: measure with
 * {@code -r 20s}.
 *
 * <p>Each event is built when it is applied (its ids formatted, its keys put in a map), in the measured time, as a
 * driver decodes a record just before it tracks it, rather than a cycle ahead (a million objects living seconds,
 * which the collector copied).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class KeyedTrackerBenchmark {

  static final long T0 = OrderFulfillmentWorkload.T0;
  static final String[] STEPS = {"placed", "paid", "settled", "fetched", "shipped"};
  static final String[] TOPICS = {"orders", "payments", "payments", "inventory", "shipping"};

  static String definition(boolean keys) {
    return """
        id: chain
        correlation: [ { json: /orderId } ]
        """ + (keys ? """
        keys:
          paymentId: [ { json: /paymentId } ]
          shipmentId: [ { json: /shipmentId } ]
          parcelId: [ { json: /parcelId } ]
        """ : "") + """
        steps:
          - id: placed
            on: { topic: orders, type: Placed }
          - id: paid
            on: { topic: payments, type: Paid }
            after: [placed]
            within: 5m
          - id: settled
            on: { topic: payments, type: Settled }
            after: [paid]
          - id: fetched
            on: { topic: inventory, type: Fetched }
            after: [settled]
            within: 1h
          - id: shipped
            on: { topic: shipping, type: Shipped }
            after: [fetched]
            end: completed
        """;
  }

  /** The tracker, its state and the events of every instance, built once. */
  @State(Scope.Thread)
  public abstract static class Workload extends LocalRouting implements TrackerCounters {
    @Param("200000")
    int instances;

    InMemoryTrackingState state;
    Tracker tracker;
    int instance;
    int round;
    int cycle;
    long routed;

    abstract boolean keys();

    /** A tracker on fresh state, its output this workload; ended instances leave after 1 s. */
    void start(boolean keys) {
      state = new InMemoryTrackingState();
      tracker = new Tracker(new ProcessDefinitions(List.of(DefinitionLoader.parse("chain.yaml", definition(keys)))),
          StuckMessageHint.NONE, Duration.ofSeconds(1), state, this, this);
    }

    @Setup(Level.Trial)
    public void setUp() {
      start(keys());
      // two rounds up front, so that the instances are open when measuring starts
      for (int k = 0; k < 2; k++) {
        for (int i = 0; i < instances; i++) {
          apply(i, k);
        }
      }
      round = 2;
      if (keys()) {
        printLinkSizes();
      }
    }

    void apply(int i, int k) {
      tracker.apply(matchedEvent(i, cycle, k, keys()));
      deliver(tracker);
    }

    int next() {
      if (instance == 0) {
        tracker.fireDue(time(cycle, round) - 1, Integer.MAX_VALUE);
        deliver(tracker);
      }
      apply(instance, round);
      if (++instance == instances) {
        instance = 0;
        round = (round + 1) % STEPS.length;
        if (round == 0) {
          cycle++;
        }
      }
      return instance;
    }

    @Override
    public void instanceChanged(InstanceChange change) {}

    @Override
    public void incidentChanged(PublishedChange change, long at) {}

    @Override
    public void escalation(EscalationCommand command, long at) {}

    @Override
    public void routed(MatchedEvent event) {
      routed++;
      super.routed(event);
    }

    @Override
    public void linked(KeyLink link) {
      routed++;
      super.linked(link);
    }

    @Override
    public void opened(IncidentType type) {
      throw new IllegalStateException("the workload is correct: no " + type + " may open");
    }
  }

  @State(Scope.Thread)
  public static class NoKeys extends Workload {
    @Override
    boolean keys() {
      return false;
    }
  }

  @State(Scope.Thread)
  public static class ThreeKeys extends Workload {
    @Override
    boolean keys() {
      return true;
    }
  }

  /** When event k of a cycle happens (and arrives): a cycle takes a minute, its events a second apart. */
  static long time(int cycle, int k) {
    return T0 + cycle * 60_000L + k * 1_000L;
  }

  /** Event k of instance i in that cycle; ids as such events carry them. */
  static MatchedEvent matchedEvent(int i, int cycle, int k, boolean keys) {
    long n = (long) cycle << 32 | i;
    String order = Long.toHexString(n * 0x9e3779b97f4a7c15L) + Long.toHexString(n);
    long at = time(cycle, k);
    String trace = !keys || k < 2 ? order : null;
    return MatchedEvent.read("chain", STEPS[k], trace, order + "-" + k, at, TOPICS[k], STEPS[k], at,
        keys ? keys(n, k) : Map.of());
  }

  /** The business keys event k carries (see the table above). */
  private static Map<String, String> keys(long n, int k) {
    return switch (k) {
      case 0 -> Map.of();
      case 1, 2 -> Map.of("paymentId", payment(n));
      case 3 -> ordered("paymentId", payment(n), "shipmentId", shipment(n));
      default -> ordered("shipmentId", shipment(n), "parcelId", "parcel-" + Long.toHexString(n * 13 + 5));
    };
  }

  private static String payment(long n) {
    return "pay-" + Long.toHexString(n * 31 + 7);
  }

  private static String shipment(long n) {
    return "shp-" + Long.toHexString(n * 17 + 3);
  }

  private static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  /**
   * What the links of one instance whose five events were all applied cost in the service's store ({@code
   * StreamsKeyLinks}): per link its entry (link key to trace id), plus the instance's own entry of the values it
   * linked, shared by its links. Keys and values only: RocksDB adds its own overhead per entry.
   */
  static void printLinkSizes() {
    ThreeKeys w = new ThreeKeys();
    w.instances = 1;
    w.start(true);
    for (int k = 0; k < STEPS.length; k++) {
      w.apply(0, k);
    }
    String trace = matchedEvent(0, 0, 0, true).traceId();
    String instanceKey = InstanceKeys.of("chain", trace);
    Map<String, List<String>> keys = w.state.keyLinks().keysOf(instanceKey);
    int instanceEntry = utf8("K" + instanceKey) + KeyLinkEntries.encodeKeys(keys).length;
    int links = 0;
    int linkEntries = 0;
    for (Map.Entry<String, List<String>> key : keys.entrySet()) {
      for (String value : key.getValue()) {
        linkEntries += utf8("L" + ForwardedMatch.linkKey("chain", key.getKey(), value)) + utf8(trace);
        links++;
      }
    }
    System.out.printf("key links of an instance: %d; link entries %d B, instance entry %d B: %d B per link in all%n",
        links, linkEntries, instanceEntry, (linkEntries + instanceEntry) / links);
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Benchmark
  public int noKeys(NoKeys w) {
    return w.next();
  }

  @Benchmark
  public int threeKeys(ThreeKeys w) {
    return w.next();
  }
}
