package io.choreography.tracker.rules.definition;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * A YAML map of a definition whose keys have been checked: unknown and duplicate keys are reported (with a
 * "did you mean" hint) when it is read, so callers only look up the keys they know.
 */
final class YamlMap {

  private final Node node;
  private final String context;
  private final String name;
  private final Problems problems;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  private YamlMap(Node node, String context, String name, Problems problems) {
    this.node = node;
    this.context = context;
    this.name = name;
    this.problems = problems;
  }

  /**
   * Reads {@code node} as a map with the {@code known} keys (null: any key), or returns null after reporting that it is not a map.
   *
   * @param context prefix of messages, e.g. "step 'a'"; empty for the top level
   * @param name the key this map is the value of (e.g. "on"), null for a process or a step
   */
  static YamlMap read(Node node, String context, String name, List<String> known, Problems problems) {
    if (!(node instanceof MappingNode mapping)) {
      String what = name == null ? (context.isEmpty() ? "a process definition" : "a step") : "'" + name + "'";
      problems.at(node, context, what + " must be a map, got " + YamlValues.describe(node));
      return null;
    }
    YamlMap map = new YamlMap(node, context, name, problems);
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalarKey)) {
        problems.at(keyNode, context, "keys must be plain names, got " + YamlValues.describe(keyNode));
        continue;
      }
      String key = scalarKey.getValue();
      String in = name == null ? "" : " in '" + name + "'";
      if (map.entries.containsKey(key)) {
        problems.at(keyNode, context, "duplicate key '" + key + "'" + in);
      } else if (known != null && !known.contains(key)) {
        problems.at(keyNode, context, "unknown key '" + key + "'" + in + KeySuggestion.hint(key, known));
      } else {
        map.entries.put(key, tuple);
      }
    }
    return map;
  }

  Node node() {
    return node;
  }

  int line() {
    return Problems.line(node);
  }

  String context() {
    return context;
  }

  /** The entries with valid keys, in file order. */
  Collection<NodeTuple> entries() {
    return entries.values();
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  /** The value of {@code key}, or null when absent. */
  Node get(String key) {
    NodeTuple t = entries.get(key);
    return t == null ? null : t.getValueNode();
  }

  /** The line of {@code key}, or of the map when the key is absent. */
  int keyLine(String key) {
    NodeTuple t = entries.get(key);
    return t == null ? line() : Problems.line(t.getKeyNode());
  }

  /** Reports a missing required key and returns null, else the value. */
  Node require(String key) {
    Node value = get(key);
    if (value == null) {
      String message = name == null
          ? "missing required key '" + key + "'"
          : "'" + name + "' is missing required key '" + key + "'";
      problems.at(node, context, message);
    }
    return value;
  }

  /** Text of {@code key}: null when absent (reported when required) or invalid (reported). */
  String text(String key, boolean required) {
    Node value = required ? require(key) : get(key);
    return value == null ? null : YamlValues.text(value, context, key, problems);
  }

  /** Boolean of an optional {@code key}: false when absent. */
  boolean flag(String key) {
    Node value = get(key);
    Boolean b = value == null ? null : YamlValues.bool(value, context, key, problems);
    return b != null && b;
  }

  /** Duration of an optional {@code key}: null when absent or invalid (reported). */
  Duration duration(String key, boolean required) {
    Node value = required ? require(key) : get(key);
    return value == null ? null : YamlValues.duration(value, context, key, problems);
  }
}
