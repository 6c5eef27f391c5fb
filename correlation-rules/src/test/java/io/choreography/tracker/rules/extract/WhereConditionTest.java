package io.choreography.tracker.rules.extract;

import static io.choreography.tracker.rules.extract.ProcessFixture.extractor;
import static io.choreography.tracker.rules.extract.ProcessFixture.json;
import static io.choreography.tracker.rules.extract.ProcessFixture.process;
import static io.choreography.tracker.rules.extract.RecordFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WhereConditionTest {

  private static boolean matches(Object expected, String payload) {
    var extractor = extractor(process("payments").correlation(json("/orderId"))
        .step("failed", "payments", "PaymentResult", "/status", expected));
    return extractor.extract(record("payments").header("ce_type", "PaymentResult").value(payload).build()).matched();
  }

  @Test
  void shouldMatchAnEqualString() {
    // when / then
    assertThat(matches("FAILED", "{\"status\":\"FAILED\"}")).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"status\":\"failed\"}",
      "{\"status\":\"FAILED \"}",
      "{\"other\":\"FAILED\"}",
      "{\"status\":null}",
      "{\"status\":[\"FAILED\"]}",
      "not json"})
  void shouldNotMatchAnotherStringOrShape(String payload) {
    // when / then
    assertThat(matches("FAILED", payload)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "200 | {\"status\":200} | true",
      "200 | {\"status\":200.0} | true",
      "200 | {\"status\":2e2} | true",
      "200 | {\"status\":201} | false",
      "200 | {\"status\":\"200\"} | false"})
  void shouldCompareLongsNumerically(long expected, String payload, boolean match) {
    // when / then
    assertThat(matches(expected, payload)).isEqualTo(match);
  }

  @Test
  void shouldCompareDoublesNumerically() {
    // when / then
    assertThat(matches(0.1, "{\"status\":0.10}")).isTrue();
    assertThat(matches(2.5, "{\"status\":2.50}")).isTrue();
    assertThat(matches(2.5, "{\"status\":2.6}")).isFalse();
    assertThat(matches(Double.NaN, "{\"status\":0}")).isFalse();
  }

  @Test
  void shouldCompareBooleans() {
    // when / then
    assertThat(matches(true, "{\"status\":true}")).isTrue();
    assertThat(matches(true, "{\"status\":false}")).isFalse();
    assertThat(matches(false, "{\"status\":\"false\"}")).isFalse();
  }

  @Test
  void shouldRequireEveryCondition() {
    // given
    var extractor = extractor(process("payments").correlation(json("/orderId"))
        .step("failed", "payments", "PaymentResult", "/status", "FAILED", "/retry", false));

    // when
    var both = extractor.extract(record("payments")
        .value("{\"type\":\"PaymentResult\",\"status\":\"FAILED\",\"retry\":false}").build());
    var one = extractor.extract(record("payments")
        .value("{\"type\":\"PaymentResult\",\"status\":\"FAILED\",\"retry\":true}").build());

    // then
    assertThat(both.matched()).isTrue();
    assertThat(one.matched()).isFalse();
  }

  @Test
  void shouldMatchNullOnlyAgainstJsonNull() {
    // given: StepDefinition may forbid null values, so the condition is compiled directly
    Map<String, Object> where = new HashMap<>();
    where.put("/cancelledAt", null);
    var condition = WhereCondition.of(where).get(0);

    // when / then
    assertThat(condition.holds(view("{\"cancelledAt\":null}"))).isTrue();
    assertThat(condition.holds(view("{}"))).isFalse();
    assertThat(condition.holds(view("{\"cancelledAt\":\"\"}"))).isFalse();
  }

  @Test
  void shouldNeverHoldForAnInvalidPointer() {
    // given
    var condition = WhereCondition.of(Map.of("status", "FAILED")).get(0);

    // when / then
    assertThat(condition.holds(view("{\"status\":\"FAILED\"}"))).isFalse();
  }

  private static RecordView view(String payload) {
    return RecordReader.read(record("payments").value(payload).build());
  }
}
