package io.choreography.tracker.rules.extract;

import static io.choreography.tracker.rules.extract.ProcessFixture.extractor;
import static io.choreography.tracker.rules.extract.ProcessFixture.header;
import static io.choreography.tracker.rules.extract.ProcessFixture.json;
import static io.choreography.tracker.rules.extract.ProcessFixture.process;
import static io.choreography.tracker.rules.extract.RecordFixture.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CloudEventsStructuredModeTest {

  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

  private final RecordExtractor extractor = extractor(process("shipping")
      .correlation(header("traceparent"), json("/orderId"))
      .step("shipped", "shipping", "GoodsShipped", "/carrier", "DHL"));

  private static String event(String dataMember) {
    return "{\"specversion\":\"1.0\",\"id\":\"evt-9\",\"source\":\"/shipping\",\"type\":\"GoodsShipped\","
        + "\"time\":\"2024-05-01T10:15:30+02:00\",\"subject\":\"parcel-1\"" + dataMember + "}";
  }

  @Test
  void shouldReadAttributesAndAddressDataWhenContentTypeSaysCloudEvent() {
    // given
    var record = record("shipping").header("content-type", "Application/CloudEvents+JSON; charset=UTF-8")
        .value(event(",\"datacontenttype\":\"application/json\",\"data\":{\"orderId\":\"o-1\",\"carrier\":\"DHL\"}"))
        .build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.cloudEvent()).isTrue();
    assertThat(event.eventId()).isEqualTo("evt-9");
    assertThat(event.type()).isEqualTo("GoodsShipped");
    assertThat(event.time()).isEqualTo(Instant.parse("2024-05-01T08:15:30Z"));
    assertThat(event.traceId()).isEqualTo("o-1");
    assertThat(event.payload()).isEqualTo(new Payload(Payload.Kind.JSON, "{\"orderId\":\"o-1\",\"carrier\":\"DHL\"}"));
    assertThat(event.matches()).singleElement().extracting(StepMatch::step).isEqualTo("shipped");
  }

  @Test
  void shouldSniffAStructuredEventWithoutContentType() {
    // given
    var record = record("shipping").value(event(",\"data\":{\"orderId\":7,\"carrier\":\"DHL\"}")).build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.cloudEvent()).isTrue();
    assertThat(event.traceId()).isEqualTo("7");
    assertThat(event.eventId()).isEqualTo("evt-9");
    assertThat(event.matched()).isTrue();
  }

  @Test
  void shouldExposeExtensionsAndSubjectAsCeHeaders() {
    // given
    var subjectExtractor = extractor(process("shipping").correlation(header("ce_subject"))
        .step("shipped", "shipping", "GoodsShipped"));
    var tracingExtractor = extractor(process("shipping").correlation(header("traceparent"))
        .step("shipped", "shipping", "GoodsShipped"));
    var record = record("shipping")
        .header("content-type", "application/cloudevents+json")
        .value(event(",\"traceparent\":\"" + TRACEPARENT + "\",\"data\":{}"))
        .build();

    // when
    var bySubject = subjectExtractor.extract(record);
    var byTrace = tracingExtractor.extract(record);

    // then
    assertThat(bySubject.traceId()).isEqualTo("parcel-1");
    assertThat(byTrace.traceId()).isEqualTo(TRACE_ID);
  }

  @Test
  void shouldDecodeDataBase64HoldingJson() {
    // given
    var data = Base64.getEncoder().encodeToString(
        "{\"orderId\":\"o-3\",\"carrier\":\"DHL\"}".getBytes(StandardCharsets.UTF_8));
    var record = record("shipping").header("content-type", "application/cloudevents+json")
        .value(event(",\"data_base64\":\"" + data + "\"")).build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.traceId()).isEqualTo("o-3");
    assertThat(event.payload()).isEqualTo(new Payload(Payload.Kind.JSON, "{\"orderId\":\"o-3\",\"carrier\":\"DHL\"}"));
    assertThat(event.matched()).isTrue();
  }

  @Test
  void shouldClassifyDataBase64HoldingBytes() {
    // given
    var data = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, 0, 1});
    var record = record("shipping").header("content-type", "application/cloudevents+json")
        .value(event(",\"data_base64\":\"" + data + "\"")).build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.payload()).isEqualTo(new Payload(Payload.Kind.BINARY, data));
    assertThat(event.eventId()).isEqualTo("evt-9");
  }

  @Test
  void shouldTreatBrokenStructuredJsonAsText() {
    // given
    var broken = "{\"specversion\":\"1.0\",\"id\":\"evt-9\",";
    var record = record("shipping").header("content-type", "application/cloudevents+json").value(broken).build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.payload()).isEqualTo(new Payload(Payload.Kind.TEXT, broken));
    assertThat(event.eventId()).isEqualTo("shipping-0-42");
    assertThat(event.matched()).isFalse();
  }

  @Test
  void shouldReadPlainJsonWhenTheObjectIsNotACloudEvent() {
    // given: specversion present but no source
    var payload = "{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"GoodsShipped\",\"orderId\":\"o-4\","
        + "\"carrier\":\"DHL\"}";
    var record = record("shipping").value(payload).build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.cloudEvent()).isFalse();
    assertThat(event.traceId()).isEqualTo("o-4");
    assertThat(event.payload()).isEqualTo(new Payload(Payload.Kind.JSON, payload));
  }

  @Test
  void shouldLetTheEventsAttributesWinOverCeHeaders() {
    // given
    var record = record("shipping").header("content-type", "application/cloudevents+json")
        .header("ce_id", "header-id")
        .value(event(",\"data\":{\"orderId\":\"o-5\",\"carrier\":\"DHL\"}")).build();

    // when
    var event = extractor.extract(record);

    // then
    assertThat(event.eventId()).isEqualTo("evt-9");
  }
}
