package io.choreography.tracker.model.intake;

import java.util.Objects;

/**
 * The Elasticsearch document of one business record, built once by the forwarder: the indexer copies its bytes
 * into a bulk request as they are.
 *
 * @param id deterministic ("topic-partition-offset"), so a redelivery overwrites instead of duplicating
 */
public record EventDocument(String index, String id, byte[] json) {

  public EventDocument {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(json, "json");
  }
}
