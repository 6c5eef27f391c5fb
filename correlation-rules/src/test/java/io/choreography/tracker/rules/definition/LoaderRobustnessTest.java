package io.choreography.tracker.rules.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Whatever a definition file contains, the loader answers with definitions or a DefinitionException, never a crash. */
class LoaderRobustnessTest {

  private static final String EXAMPLE = example();

  private static String example() {
    try (InputStream in = LoaderRobustnessTest.class.getClassLoader()
        .getResourceAsStream(DefinitionLoader.BUNDLED_EXAMPLES + "order-fulfillment.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Property(tries = 100)
  void shouldRejectMutatedExampleOnlyWithDefinitionException(
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll @Chars({' ', ':', '-', '[', ']', '{', '}', ',', '/', '~', 'a', '1', '\n', '#', '&', '*', '!'}) char c,
      @ForAll @IntRange(min = 0, max = 2) int mutation) {
    // given the example with one character replaced, inserted or one line removed
    String yaml = mutate(EXAMPLE, position, c, mutation);

    // when
    Throwable thrown = catchThrowable(() -> DefinitionLoader.parse("mutant.yaml", yaml));

    // then
    if (thrown != null) {
      assertThat(thrown).isInstanceOf(DefinitionException.class);
      assertThat(((DefinitionException) thrown).problems()).isNotEmpty()
          .allSatisfy(p -> assertThat(p.source()).isEqualTo("mutant.yaml"));
    }
  }

  @Property(tries = 100)
  void shouldRejectArbitraryTextOnlyWithDefinitionException(@ForAll @StringLength(max = 60) String text) {
    // given arbitrary text as a file

    // when
    Throwable thrown = catchThrowable(() -> DefinitionLoader.parse("noise.yaml", text));

    // then
    assertThat(thrown).isInstanceOf(DefinitionException.class);
  }

  @Test
  void shouldReportADeeplyNestedListAsTooDeepWithItsLine() {
    // given steps nested 100,000 lists deep, on line 2
    String yaml = "id: deep\nsteps: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";

    // when
    DefinitionException thrown = catchThrowableOfType(DefinitionException.class,
        () -> DefinitionLoader.parse("deep.yaml", yaml));

    // then
    assertThat(thrown.problems()).extracting(Object::toString)
        .containsExactly("deep.yaml:2: nesting deeper than " + YamlDocument.MAX_DEPTH + " levels");
  }

  @Test
  void shouldReportADeeplyNestedMapAsTooDeepWithItsLine() {
    // given a 'where' that is a map nested 100,000 maps deep, on line 7
    String yaml = """
        id: deep
        steps:
          - id: a
            on:
              topic: t
              type: A
              where: %s
        """.formatted("{a: ".repeat(100_000) + "1" + "}".repeat(100_000));

    // when
    DefinitionException thrown = catchThrowableOfType(DefinitionException.class,
        () -> DefinitionLoader.parse("deep.yaml", yaml));

    // then
    assertThat(thrown.problems()).extracting(Object::toString)
        .containsExactly("deep.yaml:7: nesting deeper than " + YamlDocument.MAX_DEPTH + " levels");
  }

  @Test
  void shouldAcceptNestingUpToTheLimit() {
    // given a 'where' value nested to exactly the limit: root map, steps list, step map, 'on', 'where', then lists
    int lists = YamlDocument.MAX_DEPTH - 5;
    String yaml = """
        id: deep
        steps:
          - id: a
            on: { topic: t, type: A, where: { /x: %s } }
            end: completed
        """.formatted("[".repeat(lists) + "]".repeat(lists));

    // when
    DefinitionException thrown = catchThrowableOfType(DefinitionException.class,
        () -> DefinitionLoader.parse("deep.yaml", yaml));

    // then it is read, and only its meaning is wrong
    assertThat(thrown.problems()).extracting(Object::toString).noneMatch(p -> p.contains("nesting"))
        .isNotEmpty();
  }

  @Property(tries = 100)
  void shouldParseEveryPositiveShortDuration(
      @ForAll @LongRange(min = 1, max = 1_000_000) long amount, @ForAll @IntRange(min = 0, max = 4) int unit) {
    // given
    String[] units = {"ms", "s", "m", "h", "d"};
    long[] millis = {1, 1_000, 60_000, 3_600_000, 86_400_000};

    // when
    long parsed = Durations.parse(amount + units[unit], "within").toMillis();

    // then
    assertThat(parsed).isEqualTo(amount * millis[unit]);
  }

  private static String mutate(String text, int position, char c, int mutation) {
    int at = position % text.length();
    if (mutation == 0) {
      return text.substring(0, at) + c + text.substring(at + 1);
    }
    if (mutation == 1) {
      return text.substring(0, at) + c + text.substring(at);
    }
    List<String> lines = new ArrayList<>(text.lines().toList());
    lines.remove(position % lines.size());
    return String.join("\n", lines);
  }
}
