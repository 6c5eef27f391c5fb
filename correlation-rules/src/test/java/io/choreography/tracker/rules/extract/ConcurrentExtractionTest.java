package io.choreography.tracker.rules.extract;

import static io.choreography.tracker.rules.extract.ProcessFixture.extractor;
import static io.choreography.tracker.rules.extract.ProcessFixture.json;
import static io.choreography.tracker.rules.extract.ProcessFixture.process;
import static io.choreography.tracker.rules.extract.RecordFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentExtractionTest {

  @Test
  void shouldGiveTheSameAnswersFromManyThreads() throws Exception {
    // given
    var extractor = extractor(process("orders").correlation(json("/orderId")).step("placed", "orders.*", "OrderPlaced"));
    var pool = Executors.newFixedThreadPool(4);
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int n = i;
      tasks.add(() -> {
        var topic = "orders." + (n % 20);
        var event = extractor.extract(record(topic)
            .value("{\"type\":\"OrderPlaced\",\"orderId\":\"o-" + n + "\"}").build());
        return event.matched() && ("o-" + n).equals(event.traceId());
      });
    }

    // when
    List<Future<Boolean>> results;
    try {
      results = pool.invokeAll(tasks);
    } finally {
      pool.shutdown();
    }

    // then
    for (Future<Boolean> result : results) {
      assertThat(result.get()).isTrue();
    }
  }
}
