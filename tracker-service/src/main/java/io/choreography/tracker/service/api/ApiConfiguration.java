package io.choreography.tracker.service.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pool of the API's blocking calls. */
@Configuration(proxyBeanMethods = false)
public class ApiConfiguration {

  /**
   * 16 threads: more than the Elasticsearch client's connections per node (10), so a slow node is what limits,
   * not this pool; 1,000 calls may wait.
   */
  @Bean(destroyMethod = "close")
  public BlockingCalls blockingCalls() {
    return new BlockingCalls(16, 1_000);
  }
}
