package io.choreography.tracker.rules.definition;

import static io.choreography.tracker.rules.definition.Definitions.problem;
import static io.choreography.tracker.rules.definition.Definitions.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.rules.definition.DefinitionException.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per rule of SPEC 2 "Validation rejects" and of the format: file, line and message. */
class ValidationRulesTest {

  @Test
  void shouldRejectUnknownKeyWithSuggestion() {
    // given
    String yaml = """
        id: p
        steps:
          - id: a
            on: { topic: t, type: A }
            withn: 5m
            end: completed
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(problem(5, "step 'a': unknown key 'withn' (did you mean 'within'?)"));
  }

  @Test
  void shouldRejectUnknownKeyWithoutSuggestionWhenNothingIsClose() {
    // given
    String yaml = """
        id: p
        colour: red
        steps:
          - id: a
            on: { topic: t, type: A }
            end: completed
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(problem(2, "unknown key 'colour'"));
  }

  @Test
  void shouldRejectUnknownKeyInNestedMaps() {
    // given
    String yaml = """
        id: p
        correlation:
          - heder: traceparent
        steps:
          - id: a
            on: { topic: t, tpye: A }
            end: completed
        escalations:
          - after: 1d
            emit: { topic: t, type: X, key: k }
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(
        problem(3, "unknown key 'heder' in 'correlation' (did you mean 'header'?)"),
        problem(3, "each entry of 'correlation' must have exactly one of 'header' or 'json'"),
        problem(6, "step 'a': unknown key 'tpye' in 'on' (did you mean 'type'?)"),
        problem(6, "step 'a': 'on' is missing required key 'type'"),
        problem(10, "escalations[0]: unknown key 'key' in 'emit'"));
  }

  @Test
  void shouldRejectDuplicateKey() {
    // given
    String yaml = """
        id: p
        steps:
          - id: a
            on: { topic: t, type: A }
            end: completed
            end: failed
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(problem(6, "step 'a': duplicate key 'end'"));
  }

  @Test
  void shouldRejectDuplicateStepIds() {
    // given
    String yaml = """
        id: p
        steps:
          - id: a
            on: { topic: t, type: A }
          - id: a
            on: { topic: t, type: B }
            end: completed
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(problem(5, "duplicate step id 'a' (first defined on line 3)"));
  }

  @Test
  void shouldRejectDuplicateProcessIdsAcrossFiles() {
    // given
    String yaml = """
        id: p
        steps:
          - id: a
            on: { topic: t, type: A }
            end: completed
        """;

    // when
    List<Problem> problems = problemsOf(Map.of("one.yaml", yaml, "two.yaml", yaml));

    // then
    assertThat(problems).containsExactly(
        new Problem("two.yaml", 1, "duplicate process id 'p' (also defined in one.yaml:1)"));
  }

  @Test
  void shouldRejectAfterNamingUnknownStep() {
    // given
    String yaml = """
        id: p
        steps:
          - id: order-placed
            on: { topic: t, type: A }
          - id: b
            on: { topic: t, type: B }
            after: [order-placd]
            end: completed
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(
        problem(7, "step 'b': 'after' names unknown step 'order-placd' (did you mean 'order-placed'?)"));
  }

  @Test
  void shouldRejectStepListingItselfInAfter() {
    // given
    String yaml = """
        id: p
        steps:
          - id: a
            on: { topic: t, type: A }
          - id: b
            on: { topic: t, type: B }
            after:
              - a
              - b
            end: completed
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(problem(9, "step 'b': lists itself in 'after'"));
  }

  @Test
  void shouldRejectCycleInAfter() {
    // given
    String yaml = """
        id: p
        steps:
          - id: start
            on: { topic: t, type: S }
          - id: a
            on: { topic: t, type: A }
            after: [start, b]
          - id: b
            on: { topic: t, type: B }
            after: [a]
          - id: done
            on: { topic: t, type: D }
            after: [b]
            end: completed
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(problem(5, "cycle in 'after': a -> b -> a"));
  }

  @Test
  void shouldRejectProcessWithoutStartStep() {
    // given
    String yaml = """
        id: p
        steps:
          - id: a
            on: { topic: t, type: A }
            after: { any: [b] }
          - id: b
            on: { topic: t, type: B }
            after: [a]
            end: completed
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(
        problem(2, "process 'p' has no start step (a step without 'after')"),
        problem(3, "cycle in 'after': a -> b -> a"));
  }

  @Test
  void shouldRejectProcessWithoutEndStep() {
    // given
    String yaml = """
        id: p
        steps:
          - id: a
            on: { topic: t, type: A }
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(
        problem(2, "process 'p' has no end step (a step with 'end: completed' or 'end: failed')"));
  }

  @Test
  void shouldRejectWithinOnOptionalStep() {
    // given
    String yaml = """
        id: p
        steps:
          - id: a
            on: { topic: t, type: A }
          - id: b
            on: { topic: t, type: B }
            after: [a]
            optional: true
            within: 5m
          - id: c
            on: { topic: t, type: C }
            after: [a]
            end: completed
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(
        problem(9, "step 'b': 'within' is not allowed on an optional step (an optional step is never stuck)"));
  }

  @Test
  void shouldRejectChoiceMembersWithDifferentAfter() {
    // given
    String yaml = """
        id: p
        steps:
          - id: a
            on: { topic: t, type: A }
          - id: b
            on: { topic: t, type: B }
            after: [a]
          - id: paid
            on: { topic: t, type: P }
            after: [a]
            choice: payment
          - id: failed
            on: { topic: t, type: F }
            after: [b]
            choice: payment
            end: failed
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(problem(15,
        "choice 'payment': members must have the same 'after', but 'failed' is after [b] and 'paid' is after [a]"));
  }

  @Test
  void shouldRejectRepeatOnEndStep() {
    // given
    String yaml = """
        id: p
        steps:
          - id: a
            on: { topic: t, type: A }
            end: completed
            repeat: true
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(
        problem(6, "step 'a': 'repeat: true' is not allowed on an end step (reaching it ends the instance)"));
  }

  @Test
  void shouldRejectWrongValueType() {
    // given
    String yaml = """
        id: p
        steps:
          - id: a
            on: [orders, A]
            optional: yes
            end: completed
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(
        problem(4, "step 'a': 'on' must be a map, got a list"),
        problem(5, "step 'a': 'optional' must be true or false, got a string"));
  }

  @Test
  void shouldRejectListWhereStepsAreExpected() {
    // given
    String yaml = """
        id: p
        steps: { a: b }
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(problem(2, "'steps' must be a list of steps, got a map"));
  }

  @Test
  void shouldRejectMissingRequiredKeys() {
    // given
    String yaml = """
        name: nameless
        steps:
          - on: { topic: t, type: A }
          - id: b
            end: completed
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(
        problem(1, "missing required key 'id'"),
        problem(3, "steps[0]: missing required key 'id'"),
        problem(4, "step 'b': missing required key 'on'"));
  }

  @Test
  void shouldRejectEmptySteps() {
    // given
    String yaml = """
        id: p
        steps: []
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(problem(2, "'steps' must list at least one step"));
  }

  @Test
  void shouldRejectInvalidIdPatterns() {
    // given
    String yaml = """
        id: Order_Fulfillment
        steps:
          - id: -a
            on: { topic: t, type: A }
            end: completed
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(
        problem(1, "invalid process id 'Order_Fulfillment': must match [a-z0-9][a-z0-9-]{0,62}"),
        problem(3, "step '-a': invalid step id '-a': must match [a-z0-9][a-z0-9-]{0,62}"));
  }

  @Test
  void shouldRejectInvalidDurations() {
    // given
    String yaml = """
        id: p
        reorderWindow: 0s
        deadline: -2d
        steps:
          - id: a
            on: { topic: t, type: A }
            within: 5 minutes
            end: completed
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(
        problem(2, "invalid duration '0s' for 'reorderWindow': must be positive"),
        problem(3, "invalid duration '-2d' for 'deadline': must be positive"),
        problem(7, "step 'a': invalid duration '5 minutes' for 'within': use 250ms, 30s, 5m, 1h, 2d or ISO-8601"
            + " like PT5M or P2D"));
  }

  @Test
  void shouldRejectInvalidPointers() {
    // given
    String yaml = """
        id: p
        correlation:
          - json: orderId
        steps:
          - id: a
            on: { topic: t, type: A, where: { /a~2b: x } }
            end: completed
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(
        problem(3, "invalid JSON pointer 'orderId': must start with '/' (e.g. /orderId) in 'correlation'"),
        problem(6, "step 'a': invalid JSON pointer '/a~2b': '~' must be followed by 0 or 1 (~0 is '~', ~1 is '/')"
            + " in 'where'"));
  }

  @Test
  void shouldRejectNonScalarWhereValue() {
    // given
    String yaml = """
        id: p
        steps:
          - id: a
            on: { topic: t, type: A, where: { /status: [A, B] } }
            end: completed
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(
        problem(4, "step 'a': 'where' value of /status must be a string, number, boolean or null, got a list"));
  }

  @Test
  void shouldRejectInvalidEnd() {
    // given
    String yaml = """
        id: p
        steps:
          - id: a
            on: { topic: t, type: A }
            end: done
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(
        problem(2, "process 'p' has no end step (a step with 'end: completed' or 'end: failed')"),
        problem(5, "step 'a': invalid end 'done': must be 'completed' or 'failed'"));
  }

  @Test
  void shouldRejectYamlSyntaxError() {
    // given
    String yaml = """
        id: p
        steps:
          - id: a
            on: { topic: t, type: A
            end: completed
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).source()).isEqualTo("bad.yaml");
    assertThat(problems.get(0).line()).isBetween(4, 6);
    assertThat(problems.get(0).message()).startsWith("YAML syntax error: ");
  }

  @Test
  void shouldRejectSecondDocumentInAFile() {
    // given
    String yaml = """
        id: p
        steps:
          - id: a
            on: { topic: t, type: A }
            end: completed
        ---
        id: q
        """;

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(problem(7, "only one process per file: found a second YAML document"));
  }

  @Test
  void shouldRejectEmptyFile() {
    // given
    String yaml = "# nothing yet\n";

    // when
    List<Problem> problems = problemsOf(yaml);

    // then
    assertThat(problems).containsExactly(
        problem(1, "the file is empty: expected a process definition with 'id' and 'steps'"));
  }

  @Test
  void shouldReportEveryProblemOfEveryFileAtOnce() {
    // given
    String good = """
        id: good
        steps:
          - id: a
            on: { topic: t, type: A }
            end: completed
        """;
    String bad = """
        id: bad
        steps:
          - id: a
            on: { topic: t, type: A }
            within: soon
        """;

    // when
    DefinitionException e = org.assertj.core.api.Assertions.catchThrowableOfType(DefinitionException.class,
        () -> DefinitionLoader.parse(Map.of("a.yaml", good, "b.yaml", bad, "c.yaml", "id: [")));

    // then
    assertThat(e.problems()).extracting(Problem::source).containsExactly("b.yaml", "b.yaml", "c.yaml");
    assertThat(e.getMessage()).startsWith("invalid process definitions (3 problems):")
        .containsSubsequence("b.yaml:2: process 'bad' has no end step",
            "b.yaml:5: step 'a': invalid duration 'soon' for 'within'", "c.yaml:1: YAML syntax error");
  }
}
