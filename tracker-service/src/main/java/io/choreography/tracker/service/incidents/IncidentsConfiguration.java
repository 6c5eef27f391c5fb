package io.choreography.tracker.service.incidents;

import io.choreography.tracker.service.config.TrackerProperties;
import io.choreography.tracker.service.local.LocalInfrastructure;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of operators' incident commands. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IncidentsProperties.class)
public class IncidentsConfiguration {

  @Bean(destroyMethod = "close")
  public IncidentCommandPublisher incidentCommandPublisher(KafkaProperties kafka, TrackerProperties tracker,
      IncidentsProperties incidents, ObjectProvider<LocalInfrastructure> local) {
    // created after the local broker, hence closed before it
    local.ifAvailable(l -> {});
    return new IncidentCommandPublisher(kafka.buildProducerProperties(), tracker.ingest().intakeTopic(),
        incidents.commandTimeout());
  }
}
