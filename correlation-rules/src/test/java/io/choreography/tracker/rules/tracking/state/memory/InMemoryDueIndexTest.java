package io.choreography.tracker.rules.tracking.state.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.rules.engine.InstanceView;
import io.choreography.tracker.rules.tracking.state.DueTimer;
import org.junit.jupiter.api.Test;

class InMemoryDueIndexTest {

  private final InMemoryDueIndex index = new InMemoryDueIndex();

  @Test
  void shouldVisitTheTimersDueByATimeEarliestFirstUpToTheLimit() {
    // given
    index.put(30, "c");
    index.put(10, "b");
    index.put(10, "a");
    index.put(10, "a");
    index.put(40, "d");
    // when / then
    assertThat(index.dueBy(30, 10)).containsExactly(new DueTimer(10, "a"), new DueTimer(10, "b"),
        new DueTimer(30, "c"));
    assertThat(index.dueBy(30, 2)).containsExactly(new DueTimer(10, "a"), new DueTimer(10, "b"));
    assertThat(index.dueBy(9, 10)).isEmpty();
    assertThat(index.earliestDueAt()).isEqualTo(10);
    index.remove(10, "a");
    index.remove(10, "b");
    assertThat(index.earliestDueAt()).isEqualTo(30);
    assertThat(index.dueBy(30, 10)).containsExactly(new DueTimer(30, "c"));
    index.remove(30, "c");
    index.remove(40, "d");
    assertThat(index.earliestDueAt()).isEqualTo(InstanceView.NONE);
    assertThat(index.size()).isZero();
  }

  @Test
  void shouldKeepOneKeyOfADueTimeAndManyAlike() {
    // given: a due time of one key, then of two, then of one again
    index.put(10, "b");
    index.put(10, "b");
    assertThat(index.size()).isEqualTo(1);
    index.put(10, "a");
    index.put(10, "c");
    index.put(10, "a");
    assertThat(index.size()).isEqualTo(3);
    index.remove(10, "b");
    index.remove(10, "x");
    index.remove(11, "a");
    // when / then
    assertThat(index.dueBy(10, 10)).containsExactly(new DueTimer(10, "a"), new DueTimer(10, "c"));
    assertThat(index.countDue(0, 10, 100)).isEqualTo(2);
    index.remove(10, "a");
    index.remove(10, "c");
    assertThat(index.size()).isZero();
    assertThat(index.earliestDueAt()).isEqualTo(InstanceView.NONE);
    index.put(20, "d");
    index.remove(20, "e");
    assertThat(index.dueBy(20, 10)).containsExactly(new DueTimer(20, "d"));
    index.remove(20, "d");
    assertThat(index.dueBy(20, 10)).isEmpty();
  }

  @Test
  void shouldCountTheTimersDueInAHalfOpenRangeUpToTheCap() {
    // given
    for (int t = 1; t <= 10; t++) {
      index.put(t * 10L, "k" + t);
    }
    // when / then: (20, 50] holds 30, 40, 50
    assertThat(index.countDue(20, 50, 100)).isEqualTo(3);
    assertThat(index.countDue(20, 50, 2)).isEqualTo(2);
    assertThat(index.countDue(19, 20, 100)).isEqualTo(1);
    assertThat(index.countDue(50, 50, 100)).isZero();
    assertThat(index.countDue(100, 1_000, 100)).isZero();
  }
}
