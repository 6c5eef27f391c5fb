package io.choreography.tracker.rules.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.IncidentType;
import io.choreography.tracker.model.InstanceStatus;
import io.choreography.tracker.model.intake.ForwardedMatch;
import io.choreography.tracker.model.intake.KeyLink;
import io.choreography.tracker.rules.definition.DefinitionLoader;
import io.choreography.tracker.rules.definition.ProcessDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Correlation by business keys that change between steps (SPEC 3.12). */
class KeyCorrelationTest {

  static final ProcessDefinition CHAIN = DefinitionLoader.parse("chain.yaml", """
      id: chain
      correlation: [ { json: /orderId } ]
      keys:
        paymentId: [ { json: /paymentId } ]
        parcelId: [ { json: /parcelId } ]
      reorderWindow: 30s
      steps:
        - id: placed
          on: { topic: orders, type: OrderPlaced }
        - id: paid
          on: { topic: payments, type: PaymentReceived }
          after: [placed]
        - id: settled
          on: { topic: payments, type: PaymentSettled }
          after: [paid]
        - id: packed
          on: { topic: shipping, type: ParcelPacked }
          after: [settled]
        - id: shipped
          on: { topic: shipping, type: ParcelShipped }
          after: [packed]
          end: completed
      """);

  private final TrackerFixture f = new TrackerFixture(CHAIN, Duration.ofMinutes(10));

  private static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  private void placed(String trace, long at) {
    f.keyed("placed", trace, trace + "-placed", s(at), s(at), Map.of());
  }

  private void paid(String trace, String payment, long at) {
    f.keyed("paid", trace, trace + "-paid", s(at), s(at), Map.of("paymentId", payment));
  }

  private void settled(String trace, String payment, long at) {
    f.keyed("settled", null, trace + "-settled", s(at), s(at), Map.of("paymentId", payment));
  }

  private void packed(String trace, String payment, String parcel, long at) {
    Map<String, String> keys = new java.util.LinkedHashMap<>();
    keys.put("paymentId", payment);
    keys.put("parcelId", parcel);
    f.keyed("packed", null, trace + "-packed", s(at), s(at), keys);
  }

  private void shipped(String trace, String parcel, long at) {
    f.keyed("shipped", null, trace + "-shipped", s(at), s(at), Map.of("parcelId", parcel));
  }

  @Test
  void shouldFollowAnInstanceAcrossThreeIds() {
    placed("o-1", 0);
    paid("o-1", "pay-1", 1);
    settled("o-1", "pay-1", 2);
    packed("o-1", "pay-1", "parcel-1", 3);
    shipped("o-1", "parcel-1", 4);

    assertThat(f.last("o-1").snapshot().status()).isEqualTo(InstanceStatus.COMPLETED);
    assertThat(f.uncorrelated).isZero();
    assertThat(f.reordered).isZero();
    assertThat(f.last("o-1").keys()).containsExactly(Map.entry("paymentId", List.of("pay-1")),
        Map.entry("parcelId", List.of("parcel-1")));
    assertThat(f.state.keyLinks().traceOf(ForwardedMatch.linkKey("chain", "parcelId", "parcel-1")))
        .isEqualTo("o-1");
    // each value is linked once, however many events carry it
    assertThat(f.links).extracting(KeyLink::value).containsExactly("pay-1", "parcel-1");
  }

  @Test
  void shouldWaitForALinkWithinTheReorderWindow() {
    // happened in order, arrived in reverse: every hop's later events arrive before the event that links their id
    f.keyed("shipped", null, "o-1-shipped", s(4), s(10), Map.of("parcelId", "parcel-1"));
    Map<String, String> both = new java.util.LinkedHashMap<>();
    both.put("paymentId", "pay-1");
    both.put("parcelId", "parcel-1");
    f.keyed("packed", null, "o-1-packed", s(3), s(11), both);
    f.keyed("settled", null, "o-1-settled", s(2), s(12), Map.of("paymentId", "pay-1"));
    f.keyed("paid", "o-1", "o-1-paid", s(1), s(13), Map.of("paymentId", "pay-1"));
    f.keyed("placed", "o-1", "o-1-placed", s(0), s(14), Map.of());
    f.fire(s(60));

    assertThat(f.last("o-1").snapshot().status()).isEqualTo(InstanceStatus.COMPLETED);
    assertThat(f.uncorrelated).isZero();
    assertThat(f.opened).doesNotContainKeys(IncidentType.UNCORRELATED, IncidentType.OUT_OF_ORDER);
    // settled and packed waited for pay-1, shipped for parcel-1; plus the engine's own early events
    assertThat(f.reordered).isGreaterThanOrEqualTo(3);
    assertThat(f.state.keyLinks().waiting(ForwardedMatch.linkKey("chain", "paymentId", "pay-1"))).isEmpty();
  }

  @Test
  void shouldCountAnEventUncorrelatedWhenItsLinkDoesNotComeInTime() {
    placed("o-1", 0);
    settled("o-1", "pay-1", 1);

    f.fire(s(30));
    assertThat(f.uncorrelated).isZero();
    f.fire(s(31));
    assertThat(f.uncorrelated).isEqualTo(1);
    assertThat(f.incidents(IncidentType.UNCORRELATED)).hasSize(1);
    assertThat(f.incidents(IncidentType.UNCORRELATED).get(0).incident().step()).isEqualTo("settled");

    // a link that comes after the window changes nothing for the event that gave up
    paid("o-1", "pay-1", 40);
    assertThat(f.last("o-1").snapshot().steps()).doesNotContainKey("settled");
    assertThat(f.uncorrelated).isEqualTo(1);
  }

  @Test
  void shouldKeepTheFirstInstanceThatLinkedAValue() {
    placed("o-1", 0);
    paid("o-1", "pay-1", 1);
    placed("o-2", 2);
    paid("o-2", "pay-1", 3);
    settled("x", "pay-1", 4);

    assertThat(f.last("o-1").snapshot().steps()).containsKey("settled");
    assertThat(f.last("o-2").snapshot().steps()).doesNotContainKey("settled");
  }

  @Test
  void shouldRemoveTheLinksWithTheInstanceAfterItsRetention() {
    placed("o-1", 0);
    paid("o-1", "pay-1", 1);
    settled("o-1", "pay-1", 2);
    packed("o-1", "pay-1", "parcel-1", 3);
    shipped("o-1", "parcel-1", 4);
    f.fire(Duration.ofMinutes(11));

    assertThat(f.stored("o-1")).isFalse();
    assertThat(f.state.keyLinks().traceOf(ForwardedMatch.linkKey("chain", "paymentId", "pay-1"))).isNull();
    assertThat(f.state.keyLinks().traceOf(ForwardedMatch.linkKey("chain", "parcelId", "parcel-1"))).isNull();
    assertThat(f.state.keyLinks().keysOf(InstanceKeys.of("chain", "o-1"))).isEmpty();
    assertThat(f.state.keyLinks().links()).isZero();
  }

  @Test
  void shouldCountAnEventWithoutTraceIdOrKeysAsBefore() {
    f.keyed("settled", null, "e-1", s(0), s(0), Map.of());

    assertThat(f.uncorrelated).isEqualTo(1);
    assertThat(f.state.keyLinks().links()).isZero();
  }
}
