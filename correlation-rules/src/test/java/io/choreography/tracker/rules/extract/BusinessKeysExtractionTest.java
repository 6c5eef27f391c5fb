package io.choreography.tracker.rules.extract;

import static io.choreography.tracker.rules.extract.RecordFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.rules.definition.DefinitionLoader;
import io.choreography.tracker.rules.definition.ProcessDefinitions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusinessKeysExtractionTest {

  private final RecordExtractor extractor = new RecordExtractor(new ProcessDefinitions(List.of(
      DefinitionLoader.parse("p.yaml", """
          id: order-fulfillment
          correlation: [ { json: /orderId } ]
          keys:
            paymentId: [ { json: /paymentId }, { header: x-payment-id } ]
            parcelId:  [ { json: /parcel/id } ]
          steps:
            - id: placed
              on: { topic: orders, type: OrderPlaced }
            - id: paid
              on: { topic: payments, type: PaymentReceived }
              after: [placed]
            - id: shipped
              on: { topic: shipping, type: Shipped }
              after: [paid]
              end: completed
          """))));

  @Test
  void shouldReadTheKeyValuesOfEachMatch() {
    var linking = extractor.extract(record("payments")
        .value("{\"type\":\"PaymentReceived\",\"orderId\":\"o-1\",\"paymentId\":\"pay-1\"}").build());
    var later = extractor.extract(record("shipping")
        .header("x-payment-id", "pay-1").value("{\"type\":\"Shipped\",\"parcel\":{\"id\":77}}").build());

    assertThat(linking.matches().get(0).traceId()).isEqualTo("o-1");
    assertThat(linking.matches().get(0).keys()).containsExactly(Map.entry("paymentId", "pay-1"));
    assertThat(linking.keys()).containsExactly(Map.entry("paymentId", "pay-1"));
    assertThat(later.matches().get(0).traceId()).isNull();
    assertThat(List.copyOf(later.matches().get(0).keys().entrySet()))
        .containsExactly(Map.entry("paymentId", "pay-1"), Map.entry("parcelId", "77"));
  }

  @Test
  void shouldReadKeysOfRecordsThatMatchNoStepToo() {
    var unmatched = extractor.extract(record("payments")
        .value("{\"type\":\"PaymentRefunded\",\"paymentId\":\"pay-2\"}").build());

    assertThat(unmatched.matched()).isFalse();
    assertThat(unmatched.keys()).containsExactly(Map.entry("paymentId", "pay-2"));
  }

  @Test
  void shouldRefuseKeyValuesNoLinkCanBeFiledUnder() {
    var event = extractor.extract(record("payments")
        .value("{\"type\":\"PaymentReceived\",\"paymentId\":\"" + "x".repeat(5_000) + "\"}").build());

    assertThat(event.matches().get(0).keys()).isEmpty();
    assertThat(event.problems()).anySatisfy(p -> assertThat(p).startsWith("key paymentId refused:"));
  }

  @Test
  void shouldCorrelateByTheCloudEventsCorrelationIdAfterTheDefinitionsOwnSources() {
    var binary = extractor.extract(record("orders").header("ce_correlationid", "corr-1")
        .value("{\"type\":\"OrderPlaced\"}").build());
    var own = extractor.extract(record("orders").header("ce_correlationid", "corr-1")
        .value("{\"type\":\"OrderPlaced\",\"orderId\":\"o-9\"}").build());
    var structured = extractor.extract(record("orders").header("content-type", "application/cloudevents+json")
        .value("{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/orders\",\"type\":\"OrderPlaced\","
            + "\"correlationid\":\"corr-2\",\"causationid\":\"e-0\",\"data\":{}}").build());

    assertThat(binary.traceId()).isEqualTo("corr-1");
    assertThat(own.traceId()).isEqualTo("o-9");
    assertThat(structured.traceId()).isEqualTo("corr-2");
    assertThat(structured.causationId()).isEqualTo("e-0");
    assertThat(binary.causationId()).isNull();
  }

  @Test
  void shouldKeepTheCausationIdOfABinaryModeEvent() {
    var event = extractor.extract(record("orders").header("ce_causationid", "cmd-7")
        .value("{\"type\":\"OrderPlaced\",\"orderId\":\"o-1\"}").build());

    assertThat(event.causationId()).isEqualTo("cmd-7");
  }
}
