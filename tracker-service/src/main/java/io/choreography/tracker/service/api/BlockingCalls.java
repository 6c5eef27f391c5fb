package io.choreography.tracker.service.api;

import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Where the API's blocking calls run (the Elasticsearch client of the queries, the Kafka producer of incident
 * commands): a bounded pool of its own, never Netty's event loops, which serve every connection and must not
 * wait. Calls beyond the pool's threads queue; beyond the queue they fail with 503 rather than pile up.
 */
public final class BlockingCalls implements AutoCloseable {

  private final Scheduler scheduler;

  public BlockingCalls(int threads, int queued) {
    this.scheduler = Schedulers.newBoundedElastic(threads, queued, "tracker-api", 60, true);
  }

  /** The call, run on the pool when subscribed. */
  public <T> Mono<T> call(Callable<T> call) {
    return Mono.fromCallable(call).subscribeOn(scheduler)
        .onErrorMap(RejectedExecutionException.class,
            e -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "too many API calls at once; try again", e));
  }

  @Override
  public void close() {
    scheduler.dispose();
  }
}
