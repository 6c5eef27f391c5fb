package io.choreography.tracker.service.redaction;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** One JSON Pointer whose target is replaced by {@code "***"}; a {@code *} segment matches every child. */
final class JsonPointerMask {

  static final String MASK = "***";

  private final List<String> segments;

  JsonPointerMask(String pointer) {
    List<String> s = new ArrayList<>();
    for (String raw : pointer.substring(1).split("/", -1)) {
      s.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    this.segments = List.copyOf(s);
  }

  /** Masks the target in place; returns whether anything was masked. */
  boolean apply(JsonNode root) {
    return apply(root, 0);
  }

  private boolean apply(JsonNode node, int depth) {
    String segment = segments.get(depth);
    boolean last = depth == segments.size() - 1;
    boolean masked = false;
    if (node instanceof ObjectNode object) {
      List<String> names = "*".equals(segment) ? new ArrayList<>(object.propertyNames()) : List.of(segment);
      for (String name : names) {
        JsonNode child = object.get(name);
        if (child == null) {
          continue;
        }
        if (last) {
          object.put(name, MASK);
          masked = true;
        } else {
          masked |= apply(child, depth + 1);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (!"*".equals(segment) && !segment.equals(Integer.toString(i))) {
          continue;
        }
        if (last) {
          array.set(i, array.stringNode(MASK));
          masked = true;
        } else {
          masked |= apply(array.get(i), depth + 1);
        }
      }
    }
    return masked;
  }
}
