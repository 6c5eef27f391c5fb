package io.choreography.tracker.service.api.analytics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import tools.jackson.databind.JsonNode;

/**
 * A suggested step as YAML to paste under a definition's {@code steps:}: one list item ({@code - id: ...}), block
 * style, every value quoted where YAML needs it (a type named {@code true} or {@code 1e3} stays a string).
 */
final class SuggestedStepYaml {

  private static final Dump DUMP = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build());

  private SuggestedStepYaml() {}

  /** The step as a YAML list item; null when there is no suggestion (absent or not an object). */
  static String of(JsonNode step) {
    if (step == null || !step.isObject() || step.isEmpty()) {
      return null;
    }
    return DUMP.dumpToString(List.of(plain(step)));
  }

  /** JSON as plain maps, lists and scalars, in the document's order. */
  private static Object plain(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        map.put(e.getKey(), plain(e.getValue()));
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(plain(n)));
      return list;
    }
    if (node.isNumber()) {
      return node.numberValue();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.isNull() ? null : node.asString();
  }
}
