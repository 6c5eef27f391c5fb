package io.choreography.tracker.model.escalations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EscalationCodecTest {

  private static final String W3C = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Test
  void shouldRoundTripAnEscalationWithATraceparentInItsTrace() {
    // given
    Escalation e = new Escalation("esc-1", "DelayNotice", "order-fulfillment", W3C, 1,
        Instant.parse("2026-11-22T10:30:00.5Z"));

    // when
    byte[] json = EscalationCodec.encode(e);

    // then
    assertThat(EscalationCodec.decode(json)).isEqualTo(e);
    assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"traceparent\":\"" + EscalationCodec.traceparent(e)
        + "\"");
    assertThat(EscalationCodec.traceparent(e)).matches("00-" + W3C + "-[0-9a-f]{16}-01")
        .isEqualTo(EscalationCodec.traceparent(new Escalation("esc-1", "Other", "p", W3C, 2, null)));
  }

  @Test
  void shouldReadAndWriteThePreviousFormatUnchanged() {
    // given what EscalationCloudEvents wrote before this codec (a Jackson map), byte for byte: no W3C trace id
    String previous = "{\"specversion\":\"1.0\",\"id\":\"esc-2\",\"source\":\"/choreography-tracker\","
        + "\"type\":\"DelayNotice\",\"time\":\"2026-11-22T10:30:00Z\",\"subject\":\"order-42\","
        + "\"traceid\":\"order-42\",\"datacontenttype\":\"application/json\",\"data\":{\"process\":\"order-fulfillment\","
        + "\"traceId\":\"order-42\",\"escalation\":0,\"dueAt\":\"2026-11-22T10:30:00Z\"}}";

    // when
    Escalation e = EscalationCodec.decode(previous.getBytes(StandardCharsets.UTF_8));

    // then
    assertThat(e).isEqualTo(new Escalation("esc-2", "DelayNotice", "order-fulfillment", "order-42", 0,
        Instant.parse("2026-11-22T10:30:00Z")));
    assertThat(EscalationCodec.traceparent(e)).isNull();
    assertThat(new String(EscalationCodec.encode(e), StandardCharsets.UTF_8)).isEqualTo(previous);
  }

  @Test
  void shouldRefuseWhatIsNotAnEscalation() {
    assertThatThrownBy(() -> EscalationCodec.decode("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not an escalation");
  }
}
