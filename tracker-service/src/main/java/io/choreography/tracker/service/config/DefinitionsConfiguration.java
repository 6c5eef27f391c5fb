package io.choreography.tracker.service.config;

import io.choreography.tracker.rules.definition.DefinitionLoader;
import io.choreography.tracker.rules.definition.ProcessDefinition;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import io.choreography.tracker.rules.extract.RecordExtractor;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the process definitions once at start-up; a bad file stops start-up (see DefinitionFailureAnalyzer).
 * Without {@code tracker.definitions}: the demo's definition when the demo runs, else the bundled examples.
 */
@Configuration(proxyBeanMethods = false)
public class DefinitionsConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(DefinitionsConfiguration.class);

  @Bean
  public ProcessDefinitions processDefinitions(TrackerProperties tracker) {
    ProcessDefinitions definitions;
    if ((tracker.definitions() == null || tracker.definitions().isBlank()) && tracker.demo()) {
      definitions = DemoDefinition.load();
      LOG.info("tracker.definitions not set: using the demo's definition (the bundled example with a demo's timings)");
    } else if (tracker.definitions() == null || tracker.definitions().isBlank()) {
      definitions = DefinitionLoader.loadBundledExamples();
      LOG.info("tracker.definitions not set: using the bundled example definitions");
    } else {
      definitions = DefinitionLoader.loadDirectory(Path.of(tracker.definitions()));
    }
    for (ProcessDefinition p : definitions.all()) {
      LOG.info("process {} ({} steps, version {}) from {}", p.id(), p.steps().size(), p.version(), p.source());
    }
    return definitions;
  }

  @Bean
  public RecordExtractor recordExtractor(ProcessDefinitions definitions) {
    return new RecordExtractor(definitions);
  }
}
