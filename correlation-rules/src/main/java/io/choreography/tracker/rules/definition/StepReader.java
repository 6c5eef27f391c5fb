package io.choreography.tracker.rules.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads one entry of {@code steps}; rules across steps are {@link ProcessRules}' job. */
final class StepReader {

  static final List<String> STEP_KEYS = List.of("id", "on", "after", "within", "choice", "end", "optional", "repeat");
  static final List<String> ON_KEYS = List.of("topic", "type", "where");
  static final List<String> ANY_KEYS = List.of("any");

  private final Problems problems;

  StepReader(Problems problems) {
    this.problems = problems;
  }

  /** The step, or null when it has no usable id (the problem is reported). */
  StepDraft read(Node node, int index) {
    String context = contextOf(node, index);
    YamlMap step = YamlMap.read(node, context, null, STEP_KEYS, problems);
    if (step == null) {
      return null;
    }
    String id = step.text("id", true);
    if (id == null) {
      return null;
    }
    if (!Ids.valid(id)) {
      problems.at(step.get("id"), context, "invalid step id '" + id + "': must match " + Ids.PATTERN_TEXT);
    }
    String topic = null;
    String type = null;
    Map<String, Object> where = Map.of();
    Node onNode = step.require("on");
    YamlMap on = onNode == null ? null : YamlMap.read(onNode, context, "on", ON_KEYS, problems);
    if (on != null) {
      topic = on.text("topic", true);
      type = on.text("type", true);
      where = on.has("where") ? readWhere(on.get("where"), context) : Map.of();
    }
    Map<String, Integer> afterLines = new LinkedHashMap<>();
    After after = step.has("after") ? readAfter(step.get("after"), context, afterLines) : After.NONE;
    Duration within = step.duration("within", false);
    String choice = step.text("choice", false);
    EndKind end = step.has("end") ? readEnd(step.get("end"), context) : null;
    return new StepDraft(id, step.line(), topic, type, where, after, afterLines, within, step.keyLine("within"),
        choice, step.keyLine("choice"), end, step.flag("optional"), step.flag("repeat"), step.keyLine("repeat"));
  }

  /** "step 'id'" when the id can be read, else the position: messages should name what the author wrote. */
  private static String contextOf(Node node, int index) {
    if (node instanceof MappingNode map) {
      for (NodeTuple t : map.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("id")
            && t.getValueNode() instanceof ScalarNode v && !v.getValue().isBlank()) {
          return "step '" + v.getValue() + "'";
        }
      }
    }
    return "steps[" + index + "]";
  }

  private Map<String, Object> readWhere(Node node, String context) {
    YamlMap where = YamlMap.read(node, context, "where", null, problems);
    Map<String, Object> conditions = new LinkedHashMap<>();
    if (where == null) {
      return conditions;
    }
    for (NodeTuple t : where.entries()) {
      String pointer = ((ScalarNode) t.getKeyNode()).getValue();
      String pointerProblem = JsonPointers.problem(pointer);
      if (pointerProblem != null) {
        problems.at(t.getKeyNode(), context, pointerProblem + " in 'where'");
      }
      if (!(t.getValueNode() instanceof ScalarNode value)) {
        problems.at(t.getValueNode(), context, "'where' value of " + pointer
            + " must be a string, number, boolean or null, got " + YamlValues.describe(t.getValueNode()));
        continue;
      }
      try {
        conditions.put(pointer, YamlValues.scalar(value));
      } catch (IllegalArgumentException e) {
        problems.at(value, context, "'where' value of " + pointer + ": " + e.getMessage());
      }
    }
    return conditions;
  }

  private After readAfter(Node node, String context, Map<String, Integer> lines) {
    if (node instanceof SequenceNode list) {
      return new After(After.Mode.ALL, readStepIds(list, context, "after", lines));
    }
    if (node instanceof MappingNode) {
      YamlMap any = YamlMap.read(node, context, "after", ANY_KEYS, problems);
      Node ids = any.require("any");
      if (ids == null) {
        return After.NONE;
      }
      if (!(ids instanceof SequenceNode list) || list.getValue().isEmpty()) {
        problems.at(ids, context, "'after.any' must be a non-empty list of step ids, got "
            + YamlValues.describe(ids) + (ids instanceof SequenceNode ? " that is empty" : ""));
        return After.NONE;
      }
      return new After(After.Mode.ANY, readStepIds(list, context, "after.any", lines));
    }
    problems.at(node, context,
        "'after' must be a list of step ids or {any: [...]}, got " + YamlValues.describe(node));
    return After.NONE;
  }

  private List<String> readStepIds(SequenceNode list, String context, String key, Map<String, Integer> lines) {
    List<String> ids = new ArrayList<>();
    for (Node item : list.getValue()) {
      String id = YamlValues.text(item, context, key, problems);
      if (id == null) {
        continue;
      }
      if (lines.containsKey(id)) {
        problems.at(item, context, "'" + key + "' lists '" + id + "' twice");
        continue;
      }
      lines.put(id, Problems.line(item));
      ids.add(id);
    }
    return ids;
  }

  private EndKind readEnd(Node node, String context) {
    String text = YamlValues.text(node, context, "end", problems);
    if (text == null) {
      return null;
    }
    return switch (text) {
      case "completed" -> EndKind.COMPLETED;
      case "failed" -> EndKind.FAILED;
      default -> {
        problems.at(node, context, "invalid end '" + text + "': must be 'completed' or 'failed'");
        yield null;
      }
    };
  }
}
