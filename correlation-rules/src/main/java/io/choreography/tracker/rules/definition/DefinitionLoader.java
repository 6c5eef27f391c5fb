package io.choreography.tracker.rules.definition;

import java.nio.file.Path;
import java.util.Map;

/**
 * Reads process definitions from YAML (SPEC section 2) and validates them. Every problem of every file is
 * collected and reported at once in a {@link DefinitionException} naming file, line and problem; nothing
 * half-loads.
 */
public final class DefinitionLoader {

  /** Classpath folder of the bundled example definitions. */
  public static final String BUNDLED_EXAMPLES = "io/choreography/tracker/definitions/";

  private DefinitionLoader() {}

  /** Every {@code *.yaml} and {@code *.yml} file directly in {@code dir}. */
  public static ProcessDefinitions loadDirectory(Path dir) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The example definitions bundled with the tracker (order-fulfillment). */
  public static ProcessDefinitions loadBundledExamples() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Parses and validates several sources together (ids must be unique across them): source name -> YAML. */
  public static ProcessDefinitions parse(Map<String, String> yamlBySource) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Parses and validates one source. */
  public static ProcessDefinition parse(String source, String yaml) {
    return parse(Map.of(source, yaml)).all().get(0);
  }
}
