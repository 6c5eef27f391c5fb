package io.choreography.tracker.rules.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations, JSON pointers and key suggestions on their own. */
class FormatPartsTest {

  @ParameterizedTest
  @CsvSource({"250ms, PT0.25S", "30s, PT30S", "5m, PT5M", "1h, PT1H", "2d, PT48H", "PT5M, PT5M", "P2D, PT48H",
      "P1DT2H, PT26H"})
  void shouldParseDurations(String text, String expected) {
    // given a duration as written in a definition

    // when
    Duration d = Durations.parse(text, "within");

    // then
    assertThat(d).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "5 m", "1h30m", "5M", "soon", "PT", "-PT5M", "0ms", "PT0S", "99999999999999999999d"})
  void shouldRejectInvalidDurationsQuotingTheValue(String text) {
    // given a bad duration

    // when / then
    assertThatThrownBy(() -> Durations.parse(text, "within"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid duration '" + text + "' for 'within': ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/a", "/a/b", "/a~0b", "/a~1b", "/", "/0", "/data/orderId"})
  void shouldAcceptValidPointers(String pointer) {
    // given a valid RFC 6901 pointer

    // when
    String problem = JsonPointers.problem(pointer);

    // then
    assertThat(problem).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "a/b", "/a~", "/a~2", "/~x"})
  void shouldRejectInvalidPointers(String pointer) {
    // given an invalid pointer

    // when
    String problem = JsonPointers.problem(pointer);

    // then
    assertThat(problem).startsWith("invalid JSON pointer '" + pointer + "'");
  }

  @Test
  void shouldSuggestTheClosestKnownKeyWithinTwoEdits() {
    // given
    List<String> known = StepReader.STEP_KEYS;

    // when
    String typo = KeySuggestion.closest("withn", known);
    String far = KeySuggestion.closest("deadline", known);

    // then
    assertThat(typo).isEqualTo("within");
    assertThat(far).isNull();
  }
}
