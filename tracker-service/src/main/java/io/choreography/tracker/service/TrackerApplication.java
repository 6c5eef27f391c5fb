package io.choreography.tracker.service;

import io.choreography.tracker.service.config.TrackerProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The choreography tracker: Kafka in, Elasticsearch out, HTTP API and UI at the edge. */
@SpringBootApplication
@EnableConfigurationProperties(TrackerProperties.class)
public class TrackerApplication {

  public static void main(String[] args) {
    SpringApplication.run(TrackerApplication.class, args);
  }
}
