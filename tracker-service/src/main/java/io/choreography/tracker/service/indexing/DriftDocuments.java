package io.choreography.tracker.service.indexing;

import io.choreography.tracker.model.drift.DriftCountCodec;
import io.choreography.tracker.service.elasticsearch.IndexDocument;

/**
 * Turns a record of the drift topic into its document: the record is the document ({@link DriftCountCodec}), read
 * once to check it is one, then copied as it is.
 */
final class DriftDocuments {

  private final String index;

  DriftDocuments(String index) {
    this.index = index;
  }

  IndexDocument map(String key, byte[] value) {
    if (key == null || value == null) {
      throw new IllegalArgumentException("drift record without key or value");
    }
    DriftCountCodec.decode(value);
    return new IndexDocument(index, DocumentIds.of(key), value);
  }
}
