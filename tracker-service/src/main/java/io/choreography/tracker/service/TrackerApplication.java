package io.choreography.tracker.service;

import io.choreography.tracker.rules.cli.TrackerCli;
import io.choreography.tracker.service.config.TrackerProperties;
import io.choreography.tracker.service.ocel.ExportOcelCommand;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The choreography tracker: Kafka in, Elasticsearch out, HTTP API and UI at the edge. */
@SpringBootApplication
@EnableConfigurationProperties(TrackerProperties.class)
public class TrackerApplication {

  /**
   * Runs the tracker; or, when the first argument is a command ({@code validate <dir>}, {@code replay ...},
   * {@code export-ocel ...}), that command, without starting anything. An unknown command (a typo) exits with the
   * usage, status 2.
   */
  public static void main(String[] args) {
    if (!startsService(args)) {
      System.exit(commands().run(args, System.out, System.err));
      return;
    }
    SpringApplication.run(TrackerApplication.class, args);
  }

  /** The command line: the offline commands of correlation-rules and the service's own. */
  static TrackerCli commands() {
    return TrackerCli.with(List.of(new ExportOcelCommand()));
  }

  /** Whether {@code args} start the service: none, or options only ({@code --server.port=8081}). */
  static boolean startsService(String[] args) {
    return !TrackerCli.handles(args);
  }
}
