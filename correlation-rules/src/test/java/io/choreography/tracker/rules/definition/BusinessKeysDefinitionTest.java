package io.choreography.tracker.rules.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusinessKeysDefinitionTest {

  private static final String STEPS = """
      steps:
        - id: placed
          on: { topic: orders, type: OrderPlaced }
        - id: shipped
          on: { topic: shipping, type: Shipped }
          after: [placed]
          end: completed
      """;

  @Test
  void shouldReadKeysInTheOrderWritten() {
    ProcessDefinition p = DefinitionLoader.parse("p.yaml", """
        id: p
        keys:
          paymentId: [ { json: /paymentId }, { header: x-payment-id } ]
          parcelId:  [ { json: /parcel/id } ]
        """ + STEPS);

    assertThat(List.copyOf(p.keys().keySet())).containsExactly("paymentId", "parcelId");
    assertThat(p.keys().get("paymentId"))
        .containsExactly(ValueSource.json("/paymentId"), ValueSource.header("x-payment-id"));
    assertThat(p.keys().get("parcelId")).containsExactly(ValueSource.json("/parcel/id"));
  }

  @Test
  void shouldChangeTheVersionOnlyWhenKeysAreGiven() {
    ProcessDefinition without = DefinitionLoader.parse("p.yaml", "id: p\n" + STEPS);
    ProcessDefinition with = DefinitionLoader.parse("p.yaml", "id: p\nkeys: { paymentId: [ { json: /p } ] }\n" + STEPS);
    ProcessDefinition other = DefinitionLoader.parse("p.yaml", "id: p\nkeys: { paymentId: [ { json: /q } ] }\n" + STEPS);

    assertThat(without.keys()).isEmpty();
    assertThat(with.version()).isNotEqualTo(without.version()).isNotEqualTo(other.version());
    // a definition without keys keeps the version it had before keys existed: its canonical form has no "keys"
    assertThat(DefinitionVersion.canonical(without)).doesNotContain("keys");
  }

  @Test
  void shouldRefuseBadKeysWithFileAndLine() {
    DefinitionException e = catchThrowableOfType(DefinitionException.class, () -> DefinitionLoader.parse(Map.of(
        "a.yaml", "id: a\nkeys: [paymentId]\n" + STEPS,
        "b.yaml", "id: b\nkeys:\n  9lives: [ { json: /x } ]\n  paymentId: { json: /p }\n  parcelId: [ { json: nope } ]\n"
            + STEPS,
        "c.yaml", "id: c\nkeys: {}\n" + STEPS)));

    assertThat(e.getMessage()).contains(
        "a.yaml:2: 'keys' must be a map",
        "b.yaml:3: invalid key name '9lives' in 'keys'",
        "b.yaml:4: 'paymentId' must be a list like",
        "b.yaml:5:",
        "c.yaml:2: 'keys' must name at least one key");
  }
}
