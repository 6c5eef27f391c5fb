package io.choreography.tracker.rules.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.choreography.tracker.rules.definition.DefinitionException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionLoaderTest {

  private static String minimal(String id) {
    return """
        id: %s
        steps:
          - id: a
            on: { topic: t, type: A }
            end: completed
        """.formatted(id);
  }

  @Test
  void shouldLoadEveryYamlAndYmlFileOfADirectorySortedByName(@TempDir Path dir) throws IOException {
    // given
    Files.writeString(dir.resolve("b.yml"), minimal("second"));
    Files.writeString(dir.resolve("a.yaml"), minimal("first"));
    Files.writeString(dir.resolve("notes.txt"), "not a definition");
    Files.writeString(dir.resolve(".#a.yaml"), "editor lock file");
    Files.createDirectory(dir.resolve("sub.yaml"));

    // when
    ProcessDefinitions definitions = DefinitionLoader.loadDirectory(dir);

    // then
    assertThat(definitions.all()).extracting(ProcessDefinition::id).containsExactly("first", "second");
    assertThat(definitions.get("first").source()).isEqualTo(dir.resolve("a.yaml").toString());
  }

  @Test
  void shouldLoadNothingFromAnEmptyDirectory(@TempDir Path dir) {
    // given an empty directory

    // when
    ProcessDefinitions definitions = DefinitionLoader.loadDirectory(dir);

    // then
    assertThat(definitions.size()).isZero();
  }

  @Test
  void shouldRejectMissingDirectory(@TempDir Path dir) {
    // given
    Path missing = dir.resolve("nowhere");

    // when
    DefinitionException e =
        catchThrowableOfType(DefinitionException.class, () -> DefinitionLoader.loadDirectory(missing));

    // then
    assertThat(e.problems()).containsExactly(new Problem(missing.toString(), 0, "directory does not exist"));
  }

  @Test
  void shouldNameTheFileOfEachProblemInADirectory(@TempDir Path dir) throws IOException {
    // given
    Files.writeString(dir.resolve("good.yaml"), minimal("good"));
    Files.writeString(dir.resolve("bad.yaml"), minimal("Bad"));
    Files.write(dir.resolve("latin1.yaml"), new byte[] {'i', 'd', ':', ' ', (byte) 0xE9});

    // when
    DefinitionException e = catchThrowableOfType(DefinitionException.class, () -> DefinitionLoader.loadDirectory(dir));

    // then
    assertThat(e.problems()).containsExactlyInAnyOrder(
        new Problem(dir.resolve("latin1.yaml").toString(), 0, "cannot read file: not valid UTF-8"),
        new Problem(dir.resolve("bad.yaml").toString(), 1,
            "invalid process id 'Bad': must match [a-z0-9][a-z0-9-]{0,62}"));
  }

  @Test
  void shouldApplyDefaults() {
    // given
    String yaml = minimal("p");

    // when
    ProcessDefinition p = DefinitionLoader.parse("p.yaml", yaml);

    // then
    assertThat(p.name()).isNull();
    assertThat(p.displayName()).isEqualTo("p");
    assertThat(p.correlation()).containsExactly(ValueSource.header("traceparent"));
    assertThat(p.eventType()).isEqualTo(ProcessDefinition.DEFAULT_EVENT_TYPE);
    assertThat(p.eventTime()).isEqualTo(ProcessDefinition.DEFAULT_EVENT_TIME);
    assertThat(p.eventId()).isEqualTo(ProcessDefinition.DEFAULT_EVENT_ID);
    assertThat(p.reorderWindow()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.deadline()).isNull();
    assertThat(p.escalations()).isEmpty();
    assertThat(p.step("a").after()).isEqualTo(After.NONE);
    assertThat(p.step("a").where()).isEmpty();
  }

  @Test
  void shouldReadAnyJoinIsoDurationsAndTypedWhereValues() {
    // given
    String yaml = """
        id: p
        reorderWindow: 250ms
        deadline: P2D
        steps:
          - id: a
            on: { topic: "orders.*", type: A }
          - id: b
            on: { topic: t, type: B }
          - id: c
            on:
              topic: t
              type: C
              where: { /s: "1", /n: 1, /hex: 0x10, /x: 1.5, /ok: True, /gone: null, /a~1b: ~ }
            after: { any: [a, b] }
            within: PT5M
            end: completed
        """;

    // when
    ProcessDefinition p = DefinitionLoader.parse("p.yaml", yaml);

    // then
    StepDefinition c = p.step("c");
    assertThat(p.reorderWindow()).isEqualTo(Duration.ofMillis(250));
    assertThat(p.deadline()).isEqualTo(Duration.ofDays(2));
    assertThat(p.step("a").topic()).isEqualTo("orders.*");
    assertThat(c.after()).isEqualTo(new After(After.Mode.ANY, List.of("a", "b")));
    assertThat(c.within()).isEqualTo(Duration.ofMinutes(5));
    Map<String, Object> expected = new HashMap<>();
    expected.put("/s", "1");
    expected.put("/n", 1L);
    expected.put("/hex", 16L);
    expected.put("/x", 1.5);
    expected.put("/ok", true);
    expected.put("/gone", null);
    expected.put("/a~1b", null);
    assertThat(c.where()).isEqualTo(expected);
  }

  @Test
  void shouldKeepVersionWhenOnlyCommentsFormattingAndDefaultsChange() {
    // given
    String original = minimal("p");
    String reformatted = """
        # the same process, written differently
        steps:
          - on:
              type: A
              topic: t
            end: completed     # ends it
            id: a
        id: p
        reorderWindow: PT30S
        correlation: [{header: traceparent}]
        """;

    // when
    String v1 = DefinitionLoader.parse("p.yaml", original).version();
    String v2 = DefinitionLoader.parse("other.yaml", reformatted).version();

    // then
    assertThat(v1).matches("[0-9a-f]{12}").isEqualTo(v2);
  }

  @Test
  void shouldChangeVersionWhenMeaningChanges() {
    // given
    String original = minimal("p");
    String changed = original.replace("type: A", "type: B");

    // when
    String v1 = DefinitionLoader.parse("p.yaml", original).version();
    String v2 = DefinitionLoader.parse("p.yaml", changed).version();

    // then
    assertThat(v1).isNotEqualTo(v2);
  }
}
