package io.choreography.tracker.rules.extract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.jackson.JsonFormatOptions;
import java.io.IOException;

/**
 * The one JSON parser of the extractor. Thread-safe (an ObjectMapper is, once configured).
 *
 * <p>Jackson's default stream constraints stay in force: a document nested deeper than its limit, or otherwise
 * not JSON, simply yields null and the payload is indexed as text.
 */
final class JsonDocuments {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      // "{} trailing words" is not a JSON document.
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // Exact decimals: canonical rendering and numeric where-equality must not suffer binary rounding.
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      // The SDK's structured-mode reader; business fields next to the attributes are not valid extension
      // names, and must not make the SDK reject an event that is otherwise a CloudEvent.
      .registerModule(JsonFormat.getCloudEventJacksonModule(JsonFormatOptions.builder()
          .forceIgnoreInvalidExtensionNameDeserialization(true)
          .build()));

  private JsonDocuments() {}

  /** The JSON document in these UTF-8 bytes, or null when they are not exactly one JSON value. */
  static JsonNode parse(byte[] utf8) {
    if (!mayBeJson(utf8)) {
      return null;
    }
    try {
      JsonNode node = MAPPER.readTree(utf8);
      return node == null || node.isMissingNode() ? null : node;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Reads a structured-mode CloudEvent from an already parsed document (the bytes are not parsed again), or
   * null when the document is not a valid CloudEvent.
   */
  static CloudEvent cloudEvent(JsonNode document) {
    if (document == null || !document.isObject()) {
      return null;
    }
    try {
      return MAPPER.treeToValue(document, CloudEvent.class);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Text that cannot start a JSON value is rejected without running the parser (and without the exception it
   * would throw): most non-JSON payloads are caught here.
   */
  private static boolean mayBeJson(byte[] bytes) {
    for (byte b : bytes) {
      switch (b) {
        case ' ', '\t', '\r', '\n' -> {
          continue;
        }
        case '{', '[', '"', '-', 't', 'f', 'n', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
          return true;
        }
        case (byte) 0xEF -> {
          // UTF-8 byte order mark: let the parser decide
          return true;
        }
        default -> {
          return false;
        }
      }
    }
    return false;
  }
}
