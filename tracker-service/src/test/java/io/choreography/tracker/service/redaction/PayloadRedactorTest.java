package io.choreography.tracker.service.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.choreography.tracker.rules.extract.Payload;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PayloadRedactorTest {

  private final JsonMapper json = JsonMapper.builder().build();

  private PayloadRedactor redactor(String topic, String... pointers) {
    return new PayloadRedactor(new RedactionProperties(List.of(new RedactionProperties.Rule(topic,
        List.of(pointers)))), json);
  }

  @Test
  void shouldMaskTheFieldsOfTheMatchingTopicOnly() {
    // given
    PayloadRedactor redactor = redactor("payments", "/card/number", "/email");
    Payload payload = new Payload(Payload.Kind.JSON,
        "{\"orderId\":\"o-1\",\"email\":\"a@b.c\",\"card\":{\"number\":\"4111\",\"brand\":\"visa\"}}");

    // when
    String masked = redactor.redact("payments", payload);
    String other = redactor.redact("orders", payload);

    // then
    assertThat(masked).isEqualTo("{\"orderId\":\"o-1\",\"email\":\"***\",\"card\":{\"number\":\"***\",\"brand\":\"visa\"}}");
    assertThat(other).isSameAs(payload.text());
  }

  @Test
  void shouldMatchTopicGlobsAndMaskEveryArrayElementWithAStar() {
    // given
    PayloadRedactor redactor = redactor("shop.*", "/items/*/owner", "/a~1b");
    Payload payload = new Payload(Payload.Kind.JSON,
        "{\"items\":[{\"owner\":\"x\"},{\"owner\":\"y\",\"n\":2}],\"a/b\":1}");

    // when
    String masked = redactor.redact("shop.orders", payload);

    // then
    assertThat(masked).isEqualTo("{\"items\":[{\"owner\":\"***\"},{\"owner\":\"***\",\"n\":2}],\"a/b\":\"***\"}");
  }

  @Test
  void shouldLeaveMissingFieldsAndNonJsonPayloadsAlone() {
    // given
    PayloadRedactor redactor = redactor("payments", "/card/number");
    Payload json = new Payload(Payload.Kind.JSON, "{\"card\":\"none\"}");
    Payload text = new Payload(Payload.Kind.TEXT, "card 4111");

    // when / then
    assertThat(redactor.redact("payments", json)).isSameAs(json.text());
    assertThat(redactor.redact("payments", text)).isSameAs(text.text());
  }
}
