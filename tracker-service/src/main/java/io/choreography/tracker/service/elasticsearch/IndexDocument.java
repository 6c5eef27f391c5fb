package io.choreography.tracker.service.elasticsearch;

/**
 * One whole document, computed by the tracker, to be written to {@code index} under a deterministic {@code id}. A
 * null {@code json} deletes the document instead.
 */
public record IndexDocument(String index, String id, byte[] json) {

  public static IndexDocument deletion(String index, String id) {
    return new IndexDocument(index, id, null);
  }

  public boolean isDeletion() {
    return json == null;
  }
}
