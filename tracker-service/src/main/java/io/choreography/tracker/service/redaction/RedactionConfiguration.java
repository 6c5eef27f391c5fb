package io.choreography.tracker.service.redaction;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The payload redactor of the event-indexing path. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedactionProperties.class)
public class RedactionConfiguration {

  @Bean
  public PayloadRedactor payloadRedactor(RedactionProperties properties, JsonMapper json) {
    return new PayloadRedactor(properties, json);
  }
}
