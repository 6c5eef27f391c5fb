package io.choreography.tracker.rules.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdLimitsTest {

  @Test
  void shouldAcceptOrdinaryIdsIncludingPathCharacters() {
    assertThat(IdLimits.problem("4bf92f3577b34da6a3ce929d0e0e4736")).isNull();
    assertThat(IdLimits.problem("a/b\\c;d%e")).isNull();
    assertThat(IdLimits.problem("注文-4711")).isNull();
    assertThat(IdLimits.problem("x".repeat(IdLimits.MAX_LENGTH))).isNull();
  }

  @Test
  void shouldRefuseBlankLongAndControlCharacters() {
    assertThat(IdLimits.problem(null)).isEqualTo("empty or blank");
    assertThat(IdLimits.problem("   ")).isEqualTo("empty or blank");
    assertThat(IdLimits.problem("h".repeat(40_000))).isEqualTo("longer than 256 characters (40000)");
    assertThat(IdLimits.problem("ab\u0007c")).isEqualTo("contains a control character at position 2");
    assertThat(IdLimits.usable("a\nb")).isFalse();
  }
}
