package io.choreography.tracker.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.rules.definition.ProcessDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Reordering, idempotence and serialization as properties over generated deliveries. */
class EnginePropertiesTest {

  private static final long T0 = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();

  /** An event of a correct instance: step id, event id, event time offset in ms. */
  record Ev(String step, String id, long time) {}

  /** A delivery: the event and the gap between its arrival and the previous one's in ms. */
  record Delivery(Ev event, long gapMillis) {}

  private static List<Ev> happyPath(boolean spec, int statusUpdates) {
    List<Ev> events = new ArrayList<>(List.of(
        new Ev("order-placed", "o", 0),
        new Ev("payment-received", "p", 2_000),
        new Ev("goods-fetched", "g", 4_000),
        new Ev("goods-shipped", "s", 10_000)));
    if (spec) {
      events.add(new Ev("invoice-sent", "i", 3_000));
    }
    for (int i = 0; i < statusUpdates; i++) {
      events.add(new Ev("status-updated", "u" + i, 100 + i * 1_000L));
    }
    return events;
  }

  @Provide
  Arbitrary<List<Ev>> correctInstances() {
    return Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 4))
        .flatAs((spec, updates) -> Arbitraries.shuffle(happyPath(spec, updates)));
  }

  /** Drives deliveries through a tracker, firing timers as the clock moves; returns the final output record. */
  private static final class Run {
    final MutableClock clock = new MutableClock(Instant.ofEpochMilli(T0));
    final ProcessTracker tracker;
    final List<IncidentChange> changes = new ArrayList<>();
    InstanceState state;

    Run(ProcessDefinition d) {
      tracker = new ProcessTracker(CompiledProcess.compile(d), StuckMessageHint.NONE);
    }

    void deliver(Ev e, long gap) {
      clock.set(clock.instant().plusMillis(gap));
      fire();
      EngineOutput out = tracker.apply(state,
          EngineEvent.of(tracker.process(), e.step(), "trace", e.id(), T0 + e.time(), "t", "T", clock.millis()));
      state = out.state();
      changes.addAll(out.incidents());
      fire();
    }

    void fire() {
      if (state != null) {
        changes.addAll(tracker.fireDue(state, clock.millis()).incidents());
      }
    }

    void advance(long millis) {
      clock.set(clock.instant().plusMillis(millis));
      fire();
    }
  }

  private static ProcessDefinition definitionFor(List<Ev> events) {
    boolean spec = events.stream().anyMatch(e -> e.step().equals("invoice-sent"));
    return spec ? Definitions.specExample() : Definitions.orderFulfillment();
  }

  @Property(tries = 300)
  void everyPermutationOfACorrectInstanceWithinTheReorderWindowCompletesWithoutIncident(
      @ForAll("correctInstances") List<Ev> events, @ForAll @Size(10) List<@IntRange(max = 3_000) Integer> gaps) {
    // given
    Run run = new Run(definitionFor(events));
    // when: all delivered within 30s of wall clock (at most 8 events, gaps up to 3s)
    for (int i = 0; i < events.size(); i++) {
      run.deliver(events.get(i), gaps.get(i));
    }
    run.advance(3_600_000L * 24 * 30);
    // then
    assertThat(run.state.status()).isEqualTo(InstanceStatus.COMPLETED);
    assertThat(run.changes).isEmpty();
    assertThat(run.state.startedAt()).isEqualTo(T0);
  }

  @Provide
  Arbitrary<List<Delivery>> deliveries() {
    // wall gaps sometimes beyond the reorder window and the due times, so that incidents happen too
    Arbitrary<Long> gap = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(0, 5_000)),
        net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(25_000, 400_000)),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(3_600_000, 3_600_000L * 30)));
    return correctInstances().flatMap(events -> gap.list().ofSize(events.size()).map(gaps -> {
      List<Delivery> d = new ArrayList<>();
      for (int i = 0; i < events.size(); i++) {
        d.add(new Delivery(events.get(i), gaps.get(i)));
      }
      return d;
    }));
  }

  @Property(tries = 300)
  void deliveringAnyEventTwiceAnywhereChangesNothing(@ForAll("deliveries") List<Delivery> deliveries,
      @ForAll @IntRange(max = 100) int which, @ForAll @IntRange(max = 100) int where) {
    // given
    ProcessDefinition d = definitionFor(deliveries.stream().map(Delivery::event).toList());
    int original = which % deliveries.size();
    int insertAfter = original + where % (deliveries.size() - original);
    Run once = new Run(d);
    Run twice = new Run(d);
    // when: the duplicate is delivered right after delivery insertAfter, at the same wall-clock time
    for (int i = 0; i < deliveries.size(); i++) {
      Delivery del = deliveries.get(i);
      once.deliver(del.event(), del.gapMillis());
      twice.deliver(del.event(), del.gapMillis());
      if (i == insertAfter) {
        twice.deliver(deliveries.get(original).event(), 0);
      }
    }
    once.advance(3_600_000L * 24 * 30);
    twice.advance(3_600_000L * 24 * 30);
    // then
    assertThat(twice.state).isEqualTo(once.state);
    assertThat(twice.changes).isEqualTo(once.changes);
  }

  @Provide
  Arbitrary<List<Delivery>> arbitraryDeliveries() {
    Arbitrary<Ev> ev = Combinators.combine(
            Arbitraries.of("order-placed", "payment-received", "payment-failed", "goods-fetched", "status-updated",
                "invoice-sent", "goods-shipped"),
            Arbitraries.of("a", "b", "c", "d", "e", "f", "g", "h"),
            Arbitraries.longs().between(-60_000, 600_000))
        .as(Ev::new);
    Arbitrary<Long> gap = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, Arbitraries.longs().between(0, 10_000)),
        net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(10_000, 600_000)),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(3_600_000, 3_600_000L * 24 * 20)));
    return Combinators.combine(ev, gap).as(Delivery::new).list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 500)
  void serializationRoundTripOfReachableStatesIsIdentity(@ForAll("arbitraryDeliveries") List<Delivery> deliveries) {
    // given
    Run run = new Run(Definitions.specExample());
    for (Delivery del : deliveries) {
      // when
      run.deliver(del.event(), del.gapMillis());
      byte[] bytes = InstanceStateCodec.encode(run.state);
      InstanceState decoded = InstanceStateCodec.decode(run.tracker.process(), bytes);
      // then
      assertThat(decoded).isEqualTo(run.state);
      assertThat(InstanceStateCodec.encode(decoded)).isEqualTo(bytes);
      assertThat(decoded.status()).isEqualTo(run.state.status());
      assertThat(run.tracker.nextDueAt(decoded)).isEqualTo(run.tracker.nextDueAt(run.state));
    }
  }
}
