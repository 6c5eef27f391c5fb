package io.choreography.tracker.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {

  @ParameterizedTest
  @ValueSource(strings = {"1970-01-01T00:00:00Z", "2024-05-01T10:15:30Z", "2024-05-01T10:15:30.100Z",
      "2024-05-01T10:15:30.000100Z", "2024-05-01T10:15:30.000000001Z", "2024-02-29T23:59:59.999999999Z",
      "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z",
      "-0001-12-31T23:59:59Z"})
  void shouldWriteWhatInstantToStringWrites(String text) {
    // given
    var instant = Instant.parse(text);

    // when
    var formatted = IsoInstants.format(instant);

    // then
    assertThat(formatted).isEqualTo(instant.toString()).isEqualTo(text);
  }

  @Test
  void shouldAgreeWithInstantToStringOnRandomInstantsAndMillis() {
    var random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      long second = random.nextLong(-70_000_000_000L, 260_000_000_000L);
      int nano = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1000;
        default -> random.nextInt(1_000_000_000);
      };
      var instant = Instant.ofEpochSecond(second, nano);
      assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
      long millis = second * 1000 + nano / 1_000_000;
      assertThat(IsoInstants.formatMillis(millis)).isEqualTo(Instant.ofEpochMilli(millis).toString());
    }
  }
}
