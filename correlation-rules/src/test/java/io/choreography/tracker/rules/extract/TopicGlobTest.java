package io.choreography.tracker.rules.extract;

import static io.choreography.tracker.rules.extract.ProcessFixture.extractor;
import static io.choreography.tracker.rules.extract.ProcessFixture.process;
import static io.choreography.tracker.rules.extract.RecordFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicGlobTest {

  @ParameterizedTest
  @CsvSource({
      "orders, orders, true",
      "orders, orders2, false",
      "orders, Orders, false",
      "orders.*, orders.eu, true",
      "orders.*, orders., true",
      "orders.*, ordersXeu, false",
      "orders.*, orders, false",
      "*.orders, eu.orders, true",
      "*, anything, true",
      "orders-?, orders-1, true",
      "orders-?, orders-12, false",
      "a*b*c, aXXbYYc, true",
      "a*b*c, aXXbYY, false",
      "a*b*c, abcbc, true",
      "o[r]ders, o[r]ders, true",
      "o[r]ders, orders, false",
      "orders+, orders+, true",
      "orders+, orderss, false"})
  void shouldTreatStarAndQuestionMarkAsWildcardsAndTheRestLiterally(String glob, String topic, boolean match) {
    // given
    var compiled = TopicGlob.compile(glob);

    // when
    var result = compiled.matches(topic);

    // then
    assertThat(result).isEqualTo(match);
  }

  @Test
  void shouldMatchStepsOnTopicsThatTheGlobCovers() {
    // given
    var extractor = extractor(process("orders").step("placed", "orders.*", "OrderPlaced"));

    // when
    var eu = extractor.extract(record("orders.eu").header("ce_type", "OrderPlaced").build());
    var other = extractor.extract(record("orders-eu").header("ce_type", "OrderPlaced").build());
    var euAgain = extractor.extract(record("orders.eu").header("ce_type", "OrderPlaced").build());

    // then
    assertThat(eu.matched()).isTrue();
    assertThat(other.matched()).isFalse();
    assertThat(euAgain.matched()).isTrue();
  }
}
