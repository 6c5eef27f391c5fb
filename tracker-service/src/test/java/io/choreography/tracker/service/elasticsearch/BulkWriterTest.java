package io.choreography.tracker.service.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkWriterTest {

  @Test
  void shouldCopyEachDocumentAfterItsActionLine() {
    // given
    byte[] json = "{\"id\":\"p/t1\",\"process\":\"p\"}".getBytes(StandardCharsets.UTF_8);
    List<IndexDocument> documents = List.of(new IndexDocument("x-instances", "p%2Ft1", json),
        IndexDocument.deletion("x-instances", "p%2Ft2"), new IndexDocument("x-incidents", "i1", json));

    // when
    byte[] body = BulkWriter.body(documents, List.of(0, 1, 2));

    // then
    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("""
        {"index":{"_index":"x-instances","_id":"p%2Ft1"}}
        {"id":"p/t1","process":"p"}
        {"delete":{"_index":"x-instances","_id":"p%2Ft2"}}
        {"index":{"_index":"x-incidents","_id":"i1"}}
        {"id":"p/t1","process":"p"}
        """);
  }

  @Test
  void shouldWriteOnlyTheGivenPositions() {
    // given
    byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
    List<IndexDocument> documents = List.of(new IndexDocument("x", "a", json), new IndexDocument("x", "b", json),
        new IndexDocument("x", "c", json));

    // when
    byte[] body = BulkWriter.body(documents, List.of(2, 0));

    // then
    assertThat(new String(body, StandardCharsets.UTF_8))
        .isEqualTo("{\"index\":{\"_index\":\"x\",\"_id\":\"c\"}}\n{}\n{\"index\":{\"_index\":\"x\",\"_id\":\"a\"}}\n{}\n");
  }

  @Test
  void shouldEscapeWhatIsNotPrintableAscii() {
    // expect
    assertThat(new String(BulkWriter.quoted("a\"b\\c\u0001d\u00e9"), StandardCharsets.UTF_8))
        .isEqualTo("\"a\\\"b\\\\c\\u0001d\u00e9\"");
    assertThat(new String(BulkWriter.quoted("order-fulfillment%2F4bf9"), StandardCharsets.UTF_8))
        .isEqualTo("\"order-fulfillment%2F4bf9\"");
  }
}
