package io.choreography.tracker.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.service.config.TrackerProperties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GuardedRegexTest {

  @Test
  void shouldMatchLikeThePatternItself() {
    GuardedRegex regex = new GuardedRegex(Pattern.compile(TrackerProperties.DEFAULT_TOPICS),
        TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(regex.matches("orders")).isEqualTo(GuardedRegex.Outcome.MATCH);
    assertThat(regex.matches("tracker.events")).isEqualTo(GuardedRegex.Outcome.NO_MATCH);
    assertThat(regex.matches("_schemas")).isEqualTo(GuardedRegex.Outcome.NO_MATCH);
  }

  @Test
  void shouldGiveUpOnCatastrophicBacktrackingWithinItsLimit() {
    // given: ((a+)*)+b takes exponential time on a's without a b (26 a's: about 5 s unguarded, 30: over a minute)
    GuardedRegex regex = new GuardedRegex(Pattern.compile("((a+)*)+b"), TimeUnit.MILLISECONDS.toNanos(50));

    // when
    long started = System.nanoTime();
    GuardedRegex.Outcome outcome = regex.matches("a".repeat(30));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    // then
    assertThat(outcome).isEqualTo(GuardedRegex.Outcome.TOO_SLOW);
    assertThat(millis).isLessThan(2_000);
  }
}
