package io.choreography.tracker.service.indexing;

import io.choreography.tracker.model.incidents.IncidentChange;
import io.choreography.tracker.model.incidents.IncidentCodec;
import io.choreography.tracker.service.elasticsearch.IndexDocument;

/**
 * Turns a record of the incidents topic (a structured CloudEvent whose {@code data} is the whole incident, read by
 * {@link IncidentCodec}) into the incident's document.
 *
 * <p>Why a whole-document overwrite cannot lose {@code openedAt} or {@code acknowledgedAt}: the tracker keeps
 * each incident's whole state and every record carries all of it, so an UPDATED or RESOLVED record repeats the
 * {@code openedAt} and {@code acknowledgedAt} of the record before it. All records of one incident share a key, so
 * they are in one partition, read in order by one consumer, and the writer keeps the last of them; the document
 * therefore always is the latest state, with no read-modify-write.
 */
public final class IncidentDocuments {

  private final String index;

  public IncidentDocuments(String index) {
    this.index = index;
  }

  public IndexDocument map(String key, byte[] value) {
    if (value == null) {
      if (key == null) {
        throw new IllegalArgumentException("incident record without key and value");
      }
      return IndexDocument.deletion(index, DocumentIds.of(key));
    }
    IncidentChange change = IncidentCodec.decode(value);
    return new IndexDocument(index, DocumentIds.of(key != null ? key : change.incident().id()),
        IncidentCodec.encodeDocument(change));
  }
}
