package io.choreography.tracker.service.api;

import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.service.incidents.IncidentsProperties;
import io.choreography.tracker.service.incidents.StepDurationHints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pool of the API's blocking calls, and the step figures in STUCK messages (read through the API's queries). */
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

  @Bean
  public StepDurationHints stepDurationHints(ProcessDefinitions definitions, ProcessStatistics statistics,
      IncidentsProperties incidents) {
    return new StepDurationHints(definitions.all().stream().map(ProcessDefinition::id).toList(),
        statistics::p95ByStep, incidents.hintRefresh());
  }
}
