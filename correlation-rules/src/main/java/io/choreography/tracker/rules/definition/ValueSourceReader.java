package io.choreography.tracker.rules.definition;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads a list of value sources ({@code correlation}, {@code eventType}...): {@code [{header: x}, {json: /p}]}. */
final class ValueSourceReader {

  static final List<String> SOURCE_KEYS = List.of("header", "json");

  private final Problems problems;

  ValueSourceReader(Problems problems) {
    this.problems = problems;
  }

  /** The sources under {@code key}, or {@code defaults} when it is absent or invalid (problems are reported). */
  List<ValueSource> read(YamlMap process, String key, List<ValueSource> defaults) {
    Node node = process.get(key);
    if (node == null) {
      return defaults;
    }
    if (!(node instanceof SequenceNode list)) {
      problems.at(node, "", "'" + key + "' must be a list like [{header: traceparent}, {json: /orderId}], got "
          + YamlValues.describe(node));
      return defaults;
    }
    if (list.getValue().isEmpty()) {
      problems.at(node, "", "'" + key + "' must list at least one source");
      return defaults;
    }
    List<ValueSource> sources = new ArrayList<>();
    for (Node item : list.getValue()) {
      YamlMap entry = YamlMap.read(item, "", key, SOURCE_KEYS, problems);
      if (entry == null) {
        continue;
      }
      if (entry.has("header") == entry.has("json")) {
        problems.at(item, "", "each entry of '" + key + "' must have exactly one of 'header' or 'json'");
      } else if (entry.has("header")) {
        String name = entry.text("header", true);
        if (name != null) {
          sources.add(ValueSource.header(name));
        }
      } else {
        String pointer = entry.text("json", true);
        String pointerProblem = pointer == null ? null : JsonPointers.problem(pointer);
        if (pointerProblem != null) {
          problems.at(entry.get("json"), "", pointerProblem + " in '" + key + "'");
        } else if (pointer != null) {
          sources.add(ValueSource.json(pointer));
        }
      }
    }
    return sources;
  }
}
