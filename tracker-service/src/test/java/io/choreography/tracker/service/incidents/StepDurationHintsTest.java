package io.choreography.tracker.service.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StepDurationHintsTest {

  @Test
  void shouldGiveTheObservedP95OfAStepAfterARefresh() {
    // given
    StepDurationHints hints = new StepDurationHints(List.of("order-fulfillment"),
        process -> Map.of("payment-received", 40_321.7), Duration.ofSeconds(60));

    // when
    String before = hints.suffix("order-fulfillment", "payment-received");
    hints.refresh();

    // then
    assertThat(before).as("nothing known before the first refresh").isEmpty();
    assertThat(hints.suffix("order-fulfillment", "payment-received")).isEqualTo("; p95 of this step is 40s");
    assertThat(hints.suffix("order-fulfillment", "goods-fetched")).isEmpty();
    assertThat(hints.suffix("other-process", "payment-received")).isEmpty();
  }

  @Test
  void shouldKeepTheLastFiguresWhileElasticsearchIsUnreachable() {
    // given
    AtomicBoolean down = new AtomicBoolean(false);
    StepDurationHints hints = new StepDurationHints(List.of("p"), process -> {
      if (down.get()) {
        throw new IllegalStateException("Elasticsearch is not reachable");
      }
      return Map.of("s", 250.0);
    }, Duration.ofSeconds(60));
    hints.refresh();

    // when
    down.set(true);
    hints.refresh();

    // then
    assertThat(hints.suffix("p", "s")).isEqualTo("; p95 of this step is 250ms");
  }
}
