package io.choreography.tracker.service.indexing;

import tools.jackson.databind.JsonNode;

/** Small reads of JSON trees. */
final class Json {

  private Json() {}

  /** The field as text, or null when it is missing or null. */
  static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isMissingNode() || v.isNull() ? null : v.asString();
  }
}
