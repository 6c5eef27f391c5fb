package io.choreography.tracker.service.stream;

import io.choreography.tracker.service.elasticsearch.IndexDocument;
import java.util.List;

/**
 * Receives the event documents of every bulk request Elasticsearch accepted, as indexed. Called on the indexing
 * thread: an implementation must return at once (hand over, never block).
 */
@FunctionalInterface
public interface LiveFeed {

  void indexed(List<IndexDocument> documents);
}
