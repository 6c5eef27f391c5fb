package io.choreography.tracker.service.api.analytics;

import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.service.api.Searches;
import io.choreography.tracker.service.elasticsearch.IndexNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.InstantSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of conformance and drift: their queries, and the conformance gauges. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnalyticsProperties.class)
public class AnalyticsConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public InstantSource instantSource() {
    return InstantSource.system();
  }

  @Bean
  public Conformance conformance(Searches searches, IndexNames names) {
    return new Conformance(searches, names);
  }

  @Bean
  public Drift drift(Searches searches, IndexNames names) {
    return new Drift(searches, names);
  }

  @Bean
  public ConformanceGauges conformanceGauges(ProcessDefinitions definitions, MeterRegistry registry,
      Conformance conformance, InstantSource clock, AnalyticsProperties analytics) {
    return new ConformanceGauges(definitions.all().stream().map(ProcessDefinition::id).toList(), registry,
        conformance::rates, clock, analytics.conformanceWindow(), analytics.conformanceRefresh());
  }
}
