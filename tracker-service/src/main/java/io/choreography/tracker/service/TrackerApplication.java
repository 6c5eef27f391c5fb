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
   * Runs the tracker; or, when the first argument is a command ({@code validate <dir>}, {@code replay ...}), that
   * offline command, without starting anything. An unknown command (a typo) exits with the usage, status 2.
   */
  public static void main(String[] args) {
    if (!startsService(args)) {
      TrackerCli.main(args);
      return;
    }
    SpringApplication.run(TrackerApplication.class, args);
  }

  /** Whether {@code args} start the service: none, or options only ({@code --server.port=8081}). */
  static boolean startsService(String[] args) {
    return !TrackerCli.handles(args);
  }
}
