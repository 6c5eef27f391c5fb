package io.choreography.tracker.benchmarks;

import io.choreography.tracker.model.InstanceSnapshot;
import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.model.instances.InstanceDocument;
import io.choreography.tracker.model.instances.InstanceDocumentCodec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the tracking topology does for every visible instance change: the instance's whole document, encoded once
 * as the record of {@code tracker.instances} ({@link InstanceDocumentCodec#encode}), which the state writer copies
 * into Elasticsearch as it is. The document: an order-fulfillment instance four steps in (UUID event ids, a 32-hex
 * trace id, millisecond times), waiting for its last step, with step durations and two business keys. One
 * operation = one document.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class InstanceDocumentBenchmark {

  InstanceDocument document;

  @Setup
  public void setUp() {
    Instant t0 = Instant.parse("2026-12-03T10:00:00.123Z");
    String[] steps = {"order-placed", "payment-received", "status-updated", "goods-fetched"};
    Map<String, InstanceSnapshot.ReachedStep> reached = new LinkedHashMap<>();
    Map<String, Long> durations = new LinkedHashMap<>();
    for (int i = 0; i < steps.length; i++) {
      reached.put(steps[i], new InstanceSnapshot.ReachedStep(t0.plusMillis(i * 1_517L), UUID.randomUUID().toString()));
      durations.put(steps[i], i * 1_517L);
    }
    document = new InstanceDocument("order-fulfillment", "b17ccdffdb4c", "4bf92f3577b34da6a3ce929d0e0e4736",
        InstanceStatus.RUNNING, t0, null, t0.plusMillis(4_551),
        reached, List.of(new InstanceSnapshot.WaitingStep("goods-shipped", t0.plusMillis(4_551), t0.plusSeconds(3_600))),
        List.of(), List.of(), durations, InstanceDocument.Deviations.NONE,
        Map.of("paymentId", List.of("pay-7f3a9c"), "parcelId", List.of("parcel-00042")));
  }

  @Benchmark
  public byte[] encode() {
    return InstanceDocumentCodec.encode(document);
  }
}
