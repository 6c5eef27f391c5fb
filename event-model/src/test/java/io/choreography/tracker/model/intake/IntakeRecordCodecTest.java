package io.choreography.tracker.model.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntakeRecordCodecTest {

  private static final ForwardedEvent EVENT = new ForwardedEvent("orders", 3, 1_234_567_890L, 1_700_000_000_123L,
      "OrderPlaced", List.of(new ForwardedMatch("order-fulfillment", "order-placed", "4bf9", "e-1", 1_700_000_000_000L),
          new ForwardedMatch("audit", "seen", null, "e-1", -5L)),
      new EventDocument("tracker-events-2023.11.14", "orders-3-1234567890",
          "{\"eventId\":\"e-1\",\"payload\":{\"x\":\"注文\"}}".getBytes(StandardCharsets.UTF_8)));

  @Test
  void shouldRoundTripAnEventWithItsDocument() {
    // when
    ForwardedEvent back = (ForwardedEvent) IntakeRecordCodec.decode(IntakeRecordCodec.encode(EVENT));

    // then
    assertThat(back).usingRecursiveComparison().isEqualTo(EVENT);
    assertThat(back.coordinates()).isEqualTo("orders-3-1234567890");
  }

  @Test
  void shouldSkipTheDocumentForReadersThatDoNotNeedIt() {
    // when
    ForwardedEvent back = (ForwardedEvent) IntakeRecordCodec.decode(IntakeRecordCodec.encode(EVENT), false);

    // then
    assertThat(back.document()).isNull();
    assertThat(back.matches()).isEqualTo(EVENT.matches());
    assertThat(back.arrival()).isEqualTo(EVENT.arrival());
  }

  @Test
  void shouldRoundTripAWatermarkAndACommand() {
    // given
    InputWatermark w = new InputWatermark("member-1", -1, 42L, Map.of("orders", 4, "payments", 1),
        List.of(new InputWatermark.PartitionWatermark("orders", 0, 1_700_000_000_000L),
            new InputWatermark.PartitionWatermark("payments", 0, Long.MIN_VALUE)));
    ForwardedCommand c = new ForwardedCommand("{\"action\":\"RESOLVE\"}".getBytes(StandardCharsets.UTF_8));

    // then
    assertThat(IntakeRecordCodec.decode(IntakeRecordCodec.encode(w))).isEqualTo(w);
    assertThat(((ForwardedCommand) IntakeRecordCodec.decode(IntakeRecordCodec.encode(c))).json()).isEqualTo(c.json());
  }

  @Test
  void shouldRefuseWhatItDidNotWrite() {
    assertThatThrownBy(() -> IntakeRecordCodec.decode("{\"json\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
    assertThatThrownBy(() -> IntakeRecordCodec.decode(new byte[] {1, 9}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind 9");
    byte[] truncated = IntakeRecordCodec.encode(EVENT);
    assertThatThrownBy(() -> IntakeRecordCodec.decode(java.util.Arrays.copyOf(truncated, truncated.length - 3)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
