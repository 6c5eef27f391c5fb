package io.choreography.tracker.service.indexing;

import io.choreography.tracker.model.instances.InstanceDocument;
import io.choreography.tracker.model.instances.InstanceDocumentCodec;
import io.choreography.tracker.service.elasticsearch.IndexDocument;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Turns a record of the instances topic into its document. A record the topology wrote (its content type says so)
 * already is the document: its bytes are copied, not parsed. A record of the previous format is read and written
 * again with the derived fields. A record without value deletes the document.
 */
public final class InstanceDocuments {

  private static final byte[] CURRENT = InstanceDocumentCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

  private final String index;

  public InstanceDocuments(String index) {
    this.index = index;
  }

  public IndexDocument map(String key, byte[] value, Headers headers) {
    if (value == null) {
      if (key == null) {
        throw new IllegalArgumentException("instance record without key and value");
      }
      return IndexDocument.deletion(index, DocumentIds.of(key));
    }
    Header contentType = headers == null ? null : headers.lastHeader("content-type");
    if (key != null && contentType != null && java.util.Arrays.equals(contentType.value(), CURRENT)) {
      if (value.length == 0 || value[0] != '{') {
        throw new IllegalArgumentException("instance record that is not a JSON object");
      }
      return new IndexDocument(index, DocumentIds.of(key), value);
    }
    InstanceDocument d = InstanceDocumentCodec.decode(value);
    return new IndexDocument(index, key != null ? DocumentIds.of(key) : DocumentIds.instance(d.process(), d.traceId()),
        InstanceDocumentCodec.encode(d));
  }

  /** A record without headers: the previous format. */
  public IndexDocument map(String key, byte[] value) {
    return map(key, value, null);
  }
}
