package io.choreography.tracker.service.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.service.elasticsearch.IndexDocument;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ring of recent live-stream items that reconnecting clients resume from. */
class RecentItemsTest {

  private static final StreamFilter ANY = new StreamFilter(null, null);

  @Test
  void shouldGiveTheItemsAfterTheLastOneAClientGotThatMatchItsFilter() {
    // given
    RecentItems recent = new RecentItems(10);
    for (int n = 1; n <= 6; n++) {
      recent.add(item(n % 2 == 0 ? "even" : "odd", n));
    }

    // when
    RecentItems.Since since = recent.after(2, new StreamFilter("even", null), 100, d -> null);

    // then
    assertThat(since.incomplete()).isFalse();
    assertThat(since.items()).extracting(RecentItems.Numbered::number).containsExactly(4L, 6L);
  }

  @Test
  void shouldSayItIsIncompleteWhenItemsAfterTheLastOneAreNoLongerKept() {
    // given: 3 kept of 8
    RecentItems recent = new RecentItems(3);
    for (int n = 1; n <= 8; n++) {
      recent.add(item("t", n));
    }

    // when
    RecentItems.Since gone = recent.after(4, ANY, 100, d -> null);
    RecentItems.Since kept = recent.after(5, ANY, 100, d -> null);

    // then
    assertThat(gone.incomplete()).isTrue();
    assertThat(gone.items()).extracting(RecentItems.Numbered::number).containsExactly(6L, 7L, 8L);
    assertThat(kept.incomplete()).isFalse();
    assertThat(kept.items()).extracting(RecentItems.Numbered::number).containsExactly(6L, 7L, 8L);
  }

  @Test
  void shouldKeepOnlyTheLatestWhenMoreMatchThanAClientMayGetAtOnce() {
    // given
    RecentItems recent = new RecentItems(100);
    for (int n = 1; n <= 10; n++) {
      recent.add(item("t", n));
    }

    // when
    RecentItems.Since since = recent.after(0, ANY, 4, d -> null);

    // then
    assertThat(since.incomplete()).isTrue();
    assertThat(since.items()).extracting(RecentItems.Numbered::number).containsExactly(7L, 8L, 9L, 10L);
  }

  @Test
  void shouldKeepNothingWithoutCapacityAndSayAReconnectingClientMissedSome() {
    // given
    RecentItems recent = new RecentItems(0);
    recent.add(item("t", 1));
    recent.add(item("t", 2));

    // when
    RecentItems.Since since = recent.after(1, ANY, 100, d -> null);

    // then
    assertThat(since.incomplete()).isTrue();
    assertThat(since.items()).isEmpty();
    assertThat(recent.after(2, ANY, 100, d -> null).incomplete()).as("nothing missed").isFalse();
  }

  @Test
  void shouldGiveTheKeptStatesOfATraceWithoutMakingEventDocumentsIntoItems() {
    // given: an event item, event documents, and instance changes of two traces, 3 of them of trace "a"
    RecentItems recent = new RecentItems(100);
    for (int n = 1; n <= 4; n++) {
      recent.add(n == 1 ? item("a", 0) : new IndexDocument("events", "e" + n, new byte[0]));
      recent.add(new StreamItem("instance", n % 4 == 0 ? "b" : "a", Set.of("p"), "{\"n\":" + n + "}"));
    }

    // when
    List<RecentItems.Numbered> states = recent.states(new StreamFilter("a", null), 100);
    List<RecentItems.Numbered> latest = recent.states(new StreamFilter("a", null), 2);

    // then: oldest first, no event; an event document would have failed the test if it had been made into an item
    assertThat(states).extracting(RecentItems.Numbered::number).containsExactly(2L, 4L, 6L);
    assertThat(latest).extracting(RecentItems.Numbered::number).containsExactly(4L, 6L);
    assertThat(new RecentItems(0).states(ANY, 10)).isEmpty();
  }

  @Test
  void shouldFrameAnItemWithItsId() {
    assertThat(StreamClient.frame("k1-7", "event", "{}")).isEqualTo("id:k1-7\nevent:event\ndata:{}\n\n");
    assertThat(StreamClient.frame("dropped", "{}")).isEqualTo("event:dropped\ndata:{}\n\n");
  }

  private static StreamItem item(String traceId, int n) {
    return new StreamItem("event", traceId, Set.of("p"), "{\"n\":" + n + "}");
  }
}
