package io.choreography.tracker.service.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.service.elasticsearch.IndexDocument;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LatestByKeyTest {

  static final TopicPartition P0 = new TopicPartition("tracker.instances", 0);
  static final TopicPartition P1 = new TopicPartition("tracker.instances", 1);
  static final Duration INTERVAL = Duration.ofSeconds(2);

  final LatestByKey buffer = new LatestByKey();

  @Test
  void shouldMapOnlyTheChangeThatIsStillTheLatestWhenWritten() {
    // given
    List<String> mapped = new ArrayList<>();
    for (int v = 1; v <= 3; v++) {
      String value = "v" + v;
      buffer.put(StateKind.INSTANCES, P0, 10 + v, "a", () -> {
        mapped.add(value);
        return doc("a", value);
      }, 1_000 + v);
    }

    // when
    List<LatestByKey.Entry> due = buffer.due(5_000, INTERVAL, false);

    // then
    assertThat(mapped).isEmpty();
    assertThat(due).extracting(e -> new String(e.document().json(), StandardCharsets.UTF_8)).containsExactly("v3");
    assertThat(due.get(0).document()).isSameAs(due.get(0).document());
    assertThat(mapped).containsExactly("v3");
  }

  @Test
  void shouldKeepOnlyTheLatestDocumentPerIdAcrossPolls() {
    // given
    buffer.put(StateKind.INSTANCES, P0, 10, doc("a", "v1"), 1_000);
    buffer.put(StateKind.INSTANCES, P1, 3, doc("b", "v1"), 1_100);

    // when
    buffer.put(StateKind.INSTANCES, P0, 11, doc("a", "v2"), 1_200);
    buffer.put(StateKind.INSTANCES, P0, 12, doc("a", "v3"), 1_300);

    // then
    assertThat(buffer.size()).isEqualTo(2);
    assertThat(buffer.entries()).extracting(e -> new String(e.document().json(), StandardCharsets.UTF_8))
        .containsExactly("v3", "v1");
    // nothing is written yet: the offsets stop at the oldest buffered change of each partition
    assertThat(buffer.offsets()).containsEntry(P0, new OffsetAndMetadata(10)).containsEntry(P1,
        new OffsetAndMetadata(3));
  }

  @Test
  void shouldAgeEachIdFromItsOldestUnwrittenChange() {
    // given
    buffer.put(StateKind.INSTANCES, P0, 1, doc("a", "v1"), 1_000);
    buffer.put(StateKind.INSTANCES, P0, 2, doc("b", "v1"), 1_500);
    buffer.put(StateKind.INSTANCES, P0, 3, doc("a", "v2"), 2_900);

    // when
    List<LatestByKey.Entry> dueEarly = buffer.due(2_999, INTERVAL, false);
    List<LatestByKey.Entry> dueAtThree = buffer.due(3_000, INTERVAL, false);
    List<LatestByKey.Entry> dueLater = buffer.due(3_500, INTERVAL, false);

    // then
    assertThat(dueEarly).isEmpty();
    assertThat(dueAtThree).extracting(e -> new String(e.document().json(), StandardCharsets.UTF_8))
        .containsExactly("v2");
    assertThat(dueLater).extracting(e -> e.document().id()).containsExactly("a", "b");
    assertThat(buffer.due(0, INTERVAL, true)).hasSize(2);
  }

  @Test
  void shouldCommitOnlyUpToTheOldestChangeStillBuffered() {
    // given
    buffer.put(StateKind.INSTANCES, P0, 10, doc("a", "v1"), 0);
    buffer.put(StateKind.INSTANCES, P0, 11, doc("b", "v1"), 500);
    buffer.put(StateKind.INSTANCES, P0, 12, doc("a", "v2"), 600);

    // when: a is written, b still waits
    buffer.due(2_000, INTERVAL, false).forEach(buffer::remove);
    var firstCommit = buffer.offsets();
    buffer.committed(firstCommit);
    buffer.entries().forEach(buffer::remove);
    var secondCommit = buffer.offsets();
    buffer.committed(secondCommit);

    // then
    assertThat(firstCommit).containsExactlyEntriesOf(java.util.Map.of(P0, new OffsetAndMetadata(11)));
    assertThat(secondCommit).containsExactlyEntriesOf(java.util.Map.of(P0, new OffsetAndMetadata(13)));
    assertThat(buffer.isEmpty()).isTrue();
    assertThat(buffer.offsets()).isEmpty();
  }

  @Test
  void shouldKeepInstanceAndIncidentOfTheSameIdApart() {
    // given
    buffer.put(StateKind.INSTANCES, P0, 1, doc("x", "instance"), 0);

    // when
    buffer.put(StateKind.INCIDENTS, new TopicPartition("tracker.incidents", 0), 1, doc("x", "incident"), 0);

    // then
    assertThat(buffer.size()).isEqualTo(2);
  }

  @Test
  void shouldBeDueAfterTheIntervalSinceTheFirstChangeOrWhenFull() {
    // given
    buffer.put(StateKind.INSTANCES, P0, 1, doc("a", "v1"), 1_000);
    buffer.put(StateKind.INSTANCES, P0, 2, doc("b", "v1"), 1_500);

    // when
    long dueWhenRoomLeft = buffer.dueAtMillis(INTERVAL, 3);
    long dueWhenFull = buffer.dueAtMillis(INTERVAL, 2);

    // then
    assertThat(dueWhenRoomLeft).isEqualTo(3_000);
    assertThat(dueWhenFull).isEqualTo(1_000);
    assertThat(new LatestByKey().dueAtMillis(INTERVAL, 1)).isEqualTo(Long.MAX_VALUE);
    LatestByKey onlySkipped = new LatestByKey();
    onlySkipped.skip(P0, 3, 0);
    assertThat(onlySkipped.dueAtMillis(INTERVAL, 1)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void shouldNotForgetADocumentReplacedWhileItsOlderValueWasBeingWritten() {
    // given
    buffer.put(StateKind.INSTANCES, P0, 1, doc("a", "v1"), 0);
    List<LatestByKey.Entry> written = buffer.entries();
    buffer.put(StateKind.INSTANCES, P0, 2, doc("a", "v2"), 10);

    // when
    written.forEach(buffer::remove);

    // then
    assertThat(buffer.entries()).extracting(e -> new String(e.document().json(), StandardCharsets.UTF_8))
        .containsExactly("v2");
  }

  @Test
  void shouldCommitOffsetsOfMalformedRecordsToo() {
    // given
    buffer.skip(P1, 41, 0);

    // when
    boolean empty = buffer.isEmpty();

    // then
    assertThat(empty).isFalse();
    assertThat(buffer.size()).isZero();
    assertThat(buffer.offsets()).containsExactlyEntriesOf(java.util.Map.of(P1, new OffsetAndMetadata(42)));
  }

  @Test
  void shouldDropWhatCameFromRevokedPartitions() {
    // given
    buffer.put(StateKind.INSTANCES, P0, 5, doc("a", "v1"), 0);
    buffer.put(StateKind.INSTANCES, P1, 7, doc("b", "v1"), 0);

    // when
    buffer.dropPartitions(List.of(P0));

    // then
    assertThat(buffer.entries()).extracting(e -> e.document().id()).containsExactly("b");
    assertThat(buffer.offsets()).containsOnlyKeys(P1);
  }

  @Test
  void shouldStartOverAfterClear() {
    // given
    buffer.put(StateKind.INSTANCES, P0, 5, doc("a", "v1"), 0);

    // when
    buffer.clear();

    // then
    assertThat(buffer.isEmpty()).isTrue();
    assertThat(buffer.offsets()).isEmpty();
    assertThat(buffer.dueAtMillis(INTERVAL, 10)).isEqualTo(Long.MAX_VALUE);
  }

  private static IndexDocument doc(String id, String json) {
    return new IndexDocument("it-instances", id, json.getBytes(StandardCharsets.UTF_8));
  }
}
