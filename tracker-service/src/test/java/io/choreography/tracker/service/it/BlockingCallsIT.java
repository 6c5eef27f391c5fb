package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** BlockHound watches the integration tests, and it does catch a blocking call on a non-blocking thread. */
class BlockingCallsIT {

  @Test
  void shouldCatchASleepOnTheParallelScheduler() {
    // given
    assertThat(BlockingCallDetector.installed()).as("BlockHound installed (failsafe: -Dblockhound=true)").isTrue();

    // when / then
    assertThatThrownBy(() -> Mono.fromCallable(() -> {
      Thread.sleep(1);
      return 1;
    }).subscribeOn(Schedulers.parallel()).block()).hasMessageContaining("Blocking call");
  }
}
