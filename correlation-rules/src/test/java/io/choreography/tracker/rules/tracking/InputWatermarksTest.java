package io.choreography.tracker.rules.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.intake.InputWatermark;
import io.choreography.tracker.model.intake.InputWatermark.PartitionWatermark;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputWatermarksTest {

  private final InputWatermarks watermarks = new InputWatermarks();

  private static InputWatermark from(String member, int generation, Map<String, Integer> topics,
      PartitionWatermark... partitions) {
    return new InputWatermark(member, generation, 0, topics, List.of(partitions));
  }

  private static PartitionWatermark p(String topic, int partition, long watermark) {
    return new PartitionWatermark(topic, partition, watermark);
  }

  @Test
  void shouldHoldEverythingBeforeTheFirstWatermark() {
    assertThat(watermarks.low()).isEqualTo(InputWatermarks.HOLD);
  }

  @Test
  void shouldBeTheLowestOverEveryLivePartitionWhoeverReadsIt() {
    // when: two forwarders share three partitions
    watermarks.update(from("a", 3, Map.of("orders", 2, "payments", 1), p("orders", 0, 100), p("payments", 0, 70)));
    watermarks.update(from("b", 3, Map.of("orders", 2, "payments", 1), p("orders", 1, 90)));

    // then
    assertThat(watermarks.low()).isEqualTo(70);
    assertThat(watermarks.unknownPartitions()).isZero();
  }

  @Test
  void shouldHoldWhileALivePartitionHasNoWatermarkYet() {
    // when: a new topic appears; nobody has read it yet
    watermarks.update(from("a", 3, Map.of("orders", 1), p("orders", 0, 100)));
    watermarks.update(from("a", 4, Map.of("orders", 1, "loans", 2), p("orders", 0, 200), p("loans", 0, 150)));

    // then
    assertThat(watermarks.low()).isEqualTo(InputWatermarks.HOLD);
    assertThat(watermarks.unknownPartitions()).isEqualTo(1);
  }

  @Test
  void shouldKeepAFrozenOwnersWatermarkUntilANewOwnerClaimsThePartitionAndIgnoreTheZombieAfterwards() {
    // given: a reads orders-0 and freezes at 100
    watermarks.update(from("a", 3, Map.of("orders", 1), p("orders", 0, 100)));

    // when: b reads something else meanwhile: orders-0 still holds everything at 100
    watermarks.update(from("b", 3, Map.of("orders", 1)));
    assertThat(watermarks.low()).isEqualTo(100);

    // when: after a rebalance, b owns orders-0 and starts again from the committed offset: 80 now, 300 later
    watermarks.update(from("b", 4, Map.of("orders", 1), p("orders", 0, 80)));
    assertThat(watermarks.low()).isEqualTo(80);
    watermarks.update(from("b", 4, Map.of("orders", 1), p("orders", 0, 300)));

    // when: the zombie a wakes up and publishes what it last knew, in its old generation
    watermarks.update(from("a", 3, Map.of("orders", 1), p("orders", 0, 120)));

    // then: ignored
    assertThat(watermarks.low()).isEqualTo(300);
  }

  @Test
  void shouldWaitForNothingOnceNoTopicIsRead() {
    watermarks.update(from("a", 3, Map.of("orders", 1), p("orders", 0, 100)));
    watermarks.update(from("a", 4, Map.of()));

    assertThat(watermarks.low()).isEqualTo(InputWatermarks.NONE_TO_WAIT_FOR);
  }

  @Test
  void shouldSurviveARestartThroughItsEncoding() {
    // given
    watermarks.update(from("a", 3, Map.of("orders", 2), p("orders", 0, 100), p("orders", 1, 50)));

    // when
    InputWatermarks restored = InputWatermarks.decode(watermarks.encode());

    // then
    assertThat(restored.low()).isEqualTo(50);
    restored.update(from("a", 2, Map.of("orders", 2), p("orders", 1, 500)));
    assertThat(restored.low()).as("an older generation after the restart is still a zombie").isEqualTo(50);
    assertThat(InputWatermarks.decode(new InputWatermarks().encode()).low()).isEqualTo(InputWatermarks.HOLD);
  }

  @Test
  void shouldTrackARecordStampedBeforeItsPartitionsWatermarkAsArrivingAtTheWatermark() {
    // given: orders-0 said read up to 100
    watermarks.update(from("a", 3, Map.of("orders", 1), p("orders", 0, 100)));

    // then: a record stamped 40 read since is taken as arriving at 100; a later one keeps its own time
    assertThat(watermarks.arrivalOf("orders", 0, 40)).isEqualTo(100);
    assertThat(watermarks.arrivalOf("orders", 0, 130)).isEqualTo(130);
    assertThat(watermarks.arrivalOf("payments", 0, 40)).as("no watermark yet").isEqualTo(40);
  }

  @Test
  void shouldKeepTheHighestWatermarkAsFloorWhenANewOwnerStartsLower() {
    // given
    watermarks.update(from("a", 3, Map.of("orders", 1), p("orders", 0, 100)));

    // when: a new owner, behind, claims the partition
    watermarks.update(from("b", 4, Map.of("orders", 1), p("orders", 0, 60)));

    // then: verdicts wait for it, but what it reads cannot arrive before the promise the old owner made
    assertThat(watermarks.low()).isEqualTo(60);
    assertThat(watermarks.arrivalOf("orders", 0, 70)).isEqualTo(100);
    assertThat(InputWatermarks.decode(watermarks.encode()).arrivalOf("orders", 0, 70)).isEqualTo(100);
  }

  @Test
  void shouldReadTheFormatWithoutFloors() {
    // given: format 1, as kept by the previous release (no topic list: nothing heard)
    byte[] nothingHeard = {1, 0};
    byte[] oneEntry = new io.choreography.tracker.model.wire.BinaryWriter(32).writeByte(1).writeByte(1)
        .writeVarLong(1).writeNullableString("orders").writeVarLong(1)
        .writeVarLong(1).writeNullableString("orders").writeVarLong(1)
        .writeVarLong(0).writeNullableString("a").writeSignedVarLong(3).writeFixedLong(100).toByteArray();

    // then
    assertThat(InputWatermarks.decode(nothingHeard).low()).isEqualTo(InputWatermarks.HOLD);
    InputWatermarks restored = InputWatermarks.decode(oneEntry);
    assertThat(restored.low()).isEqualTo(100);
    assertThat(restored.arrivalOf("orders", 0, 10)).isEqualTo(100);
  }
}
