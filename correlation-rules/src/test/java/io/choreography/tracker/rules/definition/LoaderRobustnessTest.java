package io.choreography.tracker.rules.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
