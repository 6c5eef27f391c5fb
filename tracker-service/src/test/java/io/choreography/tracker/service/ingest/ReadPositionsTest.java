package io.choreography.tracker.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.model.intake.InputWatermark.PartitionWatermark;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class ReadPositionsTest {

  static final TopicPartition ORDERS = new TopicPartition("orders", 0);
  static final TopicPartition PAYMENTS = new TopicPartition("payments", 0);

  final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
  final ReadPositions positions = new ReadPositions(500);

  private static InstantSource at(long millis) {
    return InstantSource.fixed(Instant.ofEpochMilli(millis));
  }

  @Test
  void shouldAskTheBrokerWhetherAPartitionIsReadToItsEnd() {
    // given: the consumer is at offset 5 of orders; the broker says orders ends at 7
    consumer.assign(List.of(ORDERS));
    consumer.updateBeginningOffsets(Map.of(ORDERS, 0L));
    consumer.updateEndOffsets(Map.of(ORDERS, 7L));
    consumer.seek(ORDERS, 5);
    positions.read(ORDERS, 3_000);

    // then: behind, up to the highest timestamp read
    assertThat(positions.watermarks(consumer, at(40_000)))
        .containsExactly(new PartitionWatermark("orders", 0, 2_500));
  }

  @Test
  void shouldHoldBackWhatIsNotKnownAndUseTheHighestTimestampReadWhileBehind() {
    // given: two partitions assigned, both with records still to read
    consumer.assign(List.of(ORDERS, PAYMENTS));
    consumer.updateBeginningOffsets(Map.of(ORDERS, 0L, PAYMENTS, 0L));
    consumer.updateEndOffsets(Map.of(ORDERS, 100L, PAYMENTS, 100L));
    consumer.seek(ORDERS, 10);
    consumer.seek(PAYMENTS, 0);

    // when: a record of orders was read, none of payments yet
    positions.read(ORDERS, 10_000);
    positions.read(ORDERS, 9_000);

    // then: orders is read up to its highest timestamp minus the grace; payments has no watermark yet
    assertThat(positions.watermarks(consumer, at(50_000)))
        .containsExactly(new PartitionWatermark("orders", 0, 9_500));
  }

  @Test
  void shouldNotWaitForAPositionTheConsumerDoesNotKnowYet() {
    // given: payments was just assigned and its committed offset is not known yet (pending in a transaction that a
    // frozen member left open); orders is read to its end
    MockConsumer<byte[], byte[]> waiting = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()) {
      @Override
      public synchronized long position(TopicPartition partition, Duration timeout) {
        if (partition.equals(PAYMENTS)) {
          assertThat(timeout).as("waited for a position").isEqualTo(Duration.ZERO);
          throw new TimeoutException("position of " + partition + " not known within " + timeout);
        }
        return super.position(partition, timeout);
      }
    };
    waiting.assign(List.of(ORDERS, PAYMENTS));
    waiting.updateBeginningOffsets(Map.of(ORDERS, 0L, PAYMENTS, 0L));
    waiting.updateEndOffsets(Map.of(ORDERS, 7L, PAYMENTS, 7L));
    waiting.seek(ORDERS, 7);

    // then: orders is read up to when its end was asked for; payments has no watermark yet
    assertThat(positions.watermarks(waiting, at(40_000)))
        .containsExactly(new PartitionWatermark("orders", 0, 39_500));
  }

  @Test
  void shouldBeReadUpToTheFetchWhenCaughtUpAndNeverGoBack() {
    // given
    consumer.assign(List.of(ORDERS));
    consumer.updateBeginningOffsets(Map.of(ORDERS, 0L));
    consumer.updateEndOffsets(Map.of(ORDERS, 5L));
    consumer.seek(ORDERS, 5);
    positions.read(ORDERS, 1_000);

    // when / then: caught up at 20 s: read up to then
    assertThat(positions.watermarks(consumer, at(20_000)))
        .containsExactly(new PartitionWatermark("orders", 0, 19_500));

    // when: a late-stamped record arrives (behind again, highest timestamp read 12 s): the watermark holds
    consumer.updateEndOffsets(Map.of(ORDERS, 6L));
    positions.read(ORDERS, 12_000);
    assertThat(positions.watermarks(consumer, at(21_000)))
        .containsExactly(new PartitionWatermark("orders", 0, 19_500));
  }

  @Test
  void shouldNeverPassTheWallClockOnAProducersClockAhead() {
    consumer.assign(List.of(ORDERS));
    consumer.updateEndOffsets(Map.of(ORDERS, 100L));
    consumer.updateBeginningOffsets(Map.of(ORDERS, 0L));
    consumer.seek(ORDERS, 1);
    positions.read(ORDERS, 4_000_000_000_000L);

    assertThat(positions.watermarks(consumer, at(30_000)))
        .containsExactly(new PartitionWatermark("orders", 0, 29_500));
  }

  @Test
  void shouldForgetRevokedPartitions() {
    consumer.assign(List.of(ORDERS));
    consumer.updateEndOffsets(Map.of(ORDERS, 100L));
    consumer.updateBeginningOffsets(Map.of(ORDERS, 0L));
    consumer.seek(ORDERS, 1);
    positions.read(ORDERS, 10_000);
    positions.forget(List.of(ORDERS));

    assertThat(positions.watermarks(consumer, at(30_000))).isEmpty();
  }
}
