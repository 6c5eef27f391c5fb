package io.choreography.tracker.service.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DocumentIdsTest {

  @Test
  void shouldPercentEncodeKeysThatFit() {
    assertThat(DocumentIds.instance("order-fulfillment", "a/b\\c;d%e")).isEqualTo("order-fulfillment%2Fa%2Fb%5Cc%3Bd%25e");
  }

  @Test
  void shouldNeverExceedWhatElasticsearchAcceptsAsAnId() {
    // given: 256 CJK characters, the longest trace id the tracker accepts, are 768 bytes and 2,304 encoded characters
    String traceId = "注".repeat(256);

    // when
    String id = DocumentIds.instance("order-fulfillment", traceId);

    // then
    assertThat(id.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(DocumentIds.MAX_ID_BYTES);
    assertThat(id).startsWith("~sha256~").isEqualTo(DocumentIds.instance("order-fulfillment", traceId))
        .isNotEqualTo(DocumentIds.instance("order-fulfillment", "注".repeat(255) + "x"));
  }

  @Test
  void shouldKeepTheLongestEncodingThatFits() {
    String fits = "a".repeat(DocumentIds.MAX_ID_BYTES - "p%2F".length());
    assertThat(DocumentIds.instance("p", fits)).isEqualTo("p%2F" + fits);
    assertThat(DocumentIds.instance("p", fits + "a")).startsWith("~sha256~");
  }
}
