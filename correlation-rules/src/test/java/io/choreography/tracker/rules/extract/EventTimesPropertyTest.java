package io.choreography.tracker.rules.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written reading of common date-times agrees with the ISO formatter on every value it accepts. */
class EventTimesPropertyTest {

  @Property(tries = 20_000)
  void shouldReadCommonDateTimesAsTheFormatterDoes(@ForAll("dateTimes") String value) {
    // when
    Instant fast = EventTimes.commonDateTime(value);
    Instant formatted = EventTimes.formattedDateTime(value);

    // then: never a different answer, and every value the formatter accepts is read without it
    assertThat(fast).isEqualTo(formatted);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-05-01T10:15:30+02:00:30", "+12024-05-01T10:15:30Z", "2024-05-01T10:15Z",
      "2024-05-01T10:15:30+02:00[Europe/Paris]", "2024-05-01T10:15:30.1234567891Z"})
  void shouldLeaveOtherShapesToTheFormatter(String value) {
    // when
    Instant fast = EventTimes.commonDateTime(value);

    // then
    assertThat(fast).isNull();
  }

  /** Mostly valid, often out of range (month 13, day 31 of a 30-day month, 29 February, hour 24, offset 19:00). */
  @Provide
  Arbitrary<String> dateTimes() {
    Arbitrary<String> date = Combinators.combine(Arbitraries.integers().between(0, 9999),
        Arbitraries.integers().between(0, 13), Arbitraries.integers().between(0, 32))
        .as((y, m, d) -> String.format("%04d-%02d-%02d", y, m, d));
    Arbitrary<String> time = Combinators.combine(Arbitraries.integers().between(0, 24),
        Arbitraries.integers().between(0, 60), Arbitraries.integers().between(0, 60))
        .as((h, m, s) -> String.format("%02d:%02d:%02d", h, m, s));
    Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.just(""),
        Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(11).map(f -> "." + f));
    Arbitrary<String> offset = Arbitraries.oneOf(Arbitraries.of("", "Z", "z", "+00:00", "-00:00"),
        Combinators.combine(Arbitraries.of("+", "-"), Arbitraries.integers().between(0, 19),
            Arbitraries.integers().between(0, 60)).as((sign, h, m) -> String.format("%s%02d:%02d", sign, h, m)));
    return Combinators.combine(date, Arbitraries.of("T", "t", " "), time, fraction, offset)
        .as((d, sep, t, f, o) -> d + sep + t + f + o);
  }
}
