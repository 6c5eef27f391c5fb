package io.choreography.tracker.service;

import io.choreography.tracker.rules.cli.TrackerCli;
import io.choreography.tracker.service.config.TrackerProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The choreography tracker: Kafka in, Elasticsearch out, HTTP API and UI at the edge. */
@SpringBootApplication
@EnableConfigurationProperties(TrackerProperties.class)
public class TrackerApplication {

  /**
   * Runs the tracker; or, when the first argument names a command ({@code validate <dir>}, {@code replay ...}),
   * that offline command, without starting anything.
   */
  public static void main(String[] args) {
    if (TrackerCli.isCommand(args)) {
      TrackerCli.main(args);
      return;
    }
    SpringApplication.run(TrackerApplication.class, args);
  }
}
