package io.choreography.tracker.service.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The opaque, URL-safe paging cursor of {@code GET /api/instances} and {@code GET /api/incidents}: the sort values
 * of the last item of a page (a time in epoch milliseconds, the item's id), as base64url JSON, given back to
 * Elasticsearch as {@code search_after}. A cursor that does not decode to exactly that is a bad parameter.
 */
final class PageCursor {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_LENGTH = 2048;

  private PageCursor() {}

  /** A position: after the item sorted at {@code millis} with this id. */
  record Position(long millis, String id) {

    List<Object> searchAfter() {
      return List.of(millis, id);
    }
  }

  static String encode(Position position) {
    ArrayNode array = JSON.createArrayNode().add(position.millis()).add(position.id());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(array));
  }

  /** The position of a cursor given by a caller; null for none. */
  static Position decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    if (cursor.length() > MAX_LENGTH) {
      throw ApiException.badRequest("cursor is not valid: too long");
    }
    JsonNode array;
    try {
      array = JSON.readTree(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | JacksonException e) {
      throw ApiException.badRequest("cursor is not valid: use the 'next' value of a previous answer");
    }
    // canConvertToLong: an integer beyond 64 bits is as foreign to this cursor as a string
    if (array == null || !array.isArray() || array.size() != 2 || !array.get(0).isIntegralNumber()
        || !array.get(0).canConvertToLong() || !array.get(1).isString()) {
      throw ApiException.badRequest("cursor is not valid: use the 'next' value of a previous answer");
    }
    return new Position(array.get(0).asLong(), array.get(1).asString());
  }
}
