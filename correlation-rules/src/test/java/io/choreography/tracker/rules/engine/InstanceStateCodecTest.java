package io.choreography.tracker.rules.engine;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InstanceStateCodecTest {

  private final TrackerHarness h = new TrackerHarness(Definitions.orderFulfillment());

  private InstanceState roundTrip(InstanceState s) {
    return InstanceStateCodec.decode(h.tracker.process(), InstanceStateCodec.encode(s));
  }

  @Test
  void shouldRoundTripARunningInstance() {
    // given
    h.event("order-placed", ofSeconds(0));
    h.event("payment-received", ofSeconds(3));
    // when
    InstanceState decoded = roundTrip(h.state);
    // then
    assertThat(decoded).isEqualTo(h.state);
    assertThat(decoded.eventId(1)).isEqualTo(h.state.eventId(1));
  }

  @Test
  void shouldRoundTripEarlyStepsIncidentsAndSeenEvents() {
    // given
    h.event("goods-fetched", ofSeconds(20));
    h.event("order-placed", "o1", ofSeconds(0));
    h.event("order-placed", "o2", ofSeconds(0));
    h.event("status-updated", ofSeconds(1));
    h.event("status-updated", ofSeconds(2));
    h.at(ofMinutes(6));
    // when
    InstanceState decoded = roundTrip(h.state);
    // then
    assertThat(decoded).isEqualTo(h.state);
    assertThat(decoded.status()).isEqualTo(h.state.status());
  }

  @Test
  void shouldContinueFromDecodedStateWithoutRaisingAnythingTwice() {
    // given
    h.event("order-placed", "o1", ofSeconds(0));
    h.at(ofMinutes(6));
    h.state = roundTrip(h.state);
    // when: redelivery and timers after a restart
    h.event("order-placed", "o1", ofSeconds(0));
    h.fire();
    // then
    assertThat(h.changes).hasSize(1);
    assertThat(h.duplicates).isEqualTo(1);
  }

  @Test
  void shouldRoundTripAnEndedInstance() {
    // given
    h.event("order-placed", ofSeconds(0));
    h.event("payment-failed", ofSeconds(3));
    // when
    InstanceState decoded = roundTrip(h.state);
    // then
    assertThat(decoded).isEqualTo(h.state);
  }

  @Test
  void shouldRejectAnUnknownVersionAndTruncatedInput() {
    // given
    h.event("order-placed", ofSeconds(0));
    byte[] bytes = InstanceStateCodec.encode(h.state);
    byte[] wrongVersion = bytes.clone();
    wrongVersion[0] = 9;
    // when / then
    assertThatThrownBy(() -> InstanceStateCodec.decode(h.tracker.process(), wrongVersion))
        .hasMessageContaining("version 9");
    assertThatThrownBy(() -> InstanceStateCodec.decode(h.tracker.process(), bytes, 0, bytes.length - 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
