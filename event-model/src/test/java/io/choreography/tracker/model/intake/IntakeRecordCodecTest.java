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
  void shouldRoundTripMatchesWithKeysAndKeyLinks() {
    Map<String, String> keys = new java.util.LinkedHashMap<>();
    keys.put("paymentId", "pay-7");
    keys.put("parcelId", "parcel-9");
    ForwardedEvent keyed = new ForwardedEvent("payments", 0, 42, 1_700_000_000_000L, "PaymentReceived", List.of(
        ForwardedMatch.read("order-fulfillment", "payment-received", null, "e-1", 1_700_000_000_001L, keys),
        new ForwardedMatch("other", "s", "trace-1", "e-1", 1L, keys, ForwardedMatch.NO_LOOKUP),
        new ForwardedMatch("third", "s", null, "e-1", 1L, keys, 2)), null);
    ForwardedEvent back = (ForwardedEvent) IntakeRecordCodec.decode(IntakeRecordCodec.encode(keyed));
    assertThat(back).isEqualTo(keyed);
    assertThat(List.copyOf(back.matches().get(0).keys().keySet())).containsExactly("paymentId", "parcelId");
    assertThat(back.matches().get(0).routingKey()).isEqualTo("order-fulfillment/\u0002paymentId=pay-7");
    // back at the first key's owner after every key was looked up
    assertThat(back.matches().get(2).routingKey()).isEqualTo("third/\u0002paymentId=pay-7");
    assertThat(back.matches().get(1).routingKey()).isEqualTo("trace-1");

    KeyLink link = new KeyLink("order-fulfillment", "paymentId", "pay-7", "trace-1", 5L, false);
    KeyLink removed = new KeyLink("order-fulfillment", "paymentId", "pay-7", "trace-1", 6L, true);
    assertThat(IntakeRecordCodec.decode(IntakeRecordCodec.encode(link))).isEqualTo(link);
    assertThat(IntakeRecordCodec.decode(IntakeRecordCodec.encode(removed))).isEqualTo(removed);
    assertThat(link.linkKey()).isEqualTo(back.matches().get(0).routingKey());

    // routed between tasks: no partition and offset of the business record, maybe no keys left
    ForwardedEvent routed = new ForwardedEvent("payments", -1, -1, 5L, "PaymentSettled",
        List.of(new ForwardedMatch("order-fulfillment", "settled", null, "e-2", 4L)), null);
    assertThat(IntakeRecordCodec.decode(IntakeRecordCodec.encode(routed))).isEqualTo(routed);

    TaskWatermark task = new TaskWatermark(3, List.of(5L, 4L, Long.MIN_VALUE));
    assertThat(IntakeRecordCodec.decode(IntakeRecordCodec.encode(task))).isEqualTo(task);

    TaskWatermarkBatch batch = new TaskWatermarkBatch(List.of(task, new TaskWatermark(0, List.of(7L, 7L))));
    assertThat(IntakeRecordCodec.decode(IntakeRecordCodec.encode(batch))).isEqualTo(batch);
    TaskWatermarkBatch none = new TaskWatermarkBatch(List.of());
    assertThat(IntakeRecordCodec.decode(IntakeRecordCodec.encode(none))).isEqualTo(none);
  }

  @Test
  void shouldWriteMatchesWithoutKeysAsBefore() {
    // a record without keys is written in the first format, which every reader since version 1 reads
    byte[] bytes = IntakeRecordCodec.encode(EVENT);
    assertThat(bytes[1]).isEqualTo((byte) IntakeRecordCodec.EVENT);
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
