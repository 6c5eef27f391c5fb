package io.choreography.tracker.rules.definition;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.choreography.tracker.rules.definition.DefinitionException.Problem;
import java.util.List;
import java.util.Map;

/** Test helpers: the problems a definition is rejected with. */
final class Definitions {

  static final String SOURCE = "bad.yaml";

  private Definitions() {}

  static List<Problem> problemsOf(String yaml) {
    return problemsOf(Map.of(SOURCE, yaml));
  }

  static List<Problem> problemsOf(Map<String, String> yamlBySource) {
    DefinitionException e =
        catchThrowableOfType(DefinitionException.class, () -> DefinitionLoader.parse(yamlBySource));
    if (e == null) {
      throw new AssertionError("expected the definitions to be rejected");
    }
    return e.problems();
  }

  static Problem problem(int line, String message) {
    return new Problem(SOURCE, line, message);
  }
}
