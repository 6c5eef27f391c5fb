package io.choreography.tracker.rules.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads the YAML document of one process into a {@link ProcessDraft}, reporting every problem on the way. */
final class ProcessReader {

  static final List<String> PROCESS_KEYS = List.of("id", "name", "correlation", "eventType", "eventTime",
      "eventId", "keys", "reorderWindow", "deadline", "steps", "escalations");
  static final List<String> ESCALATION_KEYS = List.of("after", "emit");
  static final List<String> EMIT_KEYS = List.of("topic", "type");
  static final List<ValueSource> DEFAULT_CORRELATION = List.of(ValueSource.header("traceparent"));

  /** Names of business keys: they appear in documents and in search answers ({@code key:<name>}). */
  static final Pattern KEY_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,62}");

  private final Problems problems;

  ProcessReader(Problems problems) {
    this.problems = problems;
  }

  /** The draft, or null when the document is not even a map. */
  ProcessDraft read(Node root) {
    YamlMap process = YamlMap.read(root, "", null, PROCESS_KEYS, problems);
    if (process == null) {
      return null;
    }
    String id = process.text("id", true);
    if (id != null && !Ids.valid(id)) {
      problems.at(process.get("id"), "", "invalid process id '" + id + "': must match " + Ids.PATTERN_TEXT);
    }
    String name = process.text("name", false);
    ValueSourceReader sources = new ValueSourceReader(problems);
    List<ValueSource> correlation = sources.read(process, "correlation", DEFAULT_CORRELATION);
    List<ValueSource> eventType = sources.read(process, "eventType", ProcessDefinition.DEFAULT_EVENT_TYPE);
    List<ValueSource> eventTime = sources.read(process, "eventTime", ProcessDefinition.DEFAULT_EVENT_TIME);
    List<ValueSource> eventId = sources.read(process, "eventId", ProcessDefinition.DEFAULT_EVENT_ID);
    Map<String, List<ValueSource>> keys = readKeys(process.get("keys"), sources);
    Duration reorderWindow = process.has("reorderWindow")
        ? process.duration("reorderWindow", false)
        : ProcessDefinition.DEFAULT_REORDER_WINDOW;
    Duration deadline = process.duration("deadline", false);
    List<StepDraft> steps = readSteps(process);
    List<Escalation> escalations = readEscalations(process.get("escalations"));
    return new ProcessDraft(id, process.keyLine("id"), name, correlation, eventType, eventTime, eventId,
        reorderWindow, deadline, steps, process.keyLine("steps"), escalations, keys);
  }

  /** {@code keys: {paymentId: [{json: /paymentId}], ...}}: names in the order written, each with its sources. */
  private Map<String, List<ValueSource>> readKeys(Node node, ValueSourceReader sources) {
    Map<String, List<ValueSource>> keys = new LinkedHashMap<>();
    if (node == null) {
      return keys;
    }
    YamlMap map = YamlMap.read(node, "", "keys", null, problems);
    if (map == null) {
      return keys;
    }
    if (map.entries().isEmpty()) {
      problems.at(node, "", "'keys' must name at least one key, e.g. {paymentId: [{json: /paymentId}]}");
      return keys;
    }
    for (var entry : map.entries()) {
      String name = ((ScalarNode) entry.getKeyNode()).getValue();
      if (!KEY_NAME.matcher(name).matches()) {
        problems.at(entry.getKeyNode(), "", "invalid key name '" + name + "' in 'keys': must match "
            + KEY_NAME.pattern());
        continue;
      }
      List<ValueSource> read = sources.read(map, name, List.of());
      if (!read.isEmpty()) {
        keys.put(name, read);
      }
    }
    return keys;
  }

  private List<StepDraft> readSteps(YamlMap process) {
    Node node = process.require("steps");
    List<StepDraft> steps = new ArrayList<>();
    if (node == null) {
      return steps;
    }
    if (!(node instanceof SequenceNode list)) {
      problems.at(node, "", "'steps' must be a list of steps, got " + YamlValues.describe(node));
      return steps;
    }
    if (list.getValue().isEmpty()) {
      problems.at(node, "", "'steps' must list at least one step");
      return steps;
    }
    StepReader reader = new StepReader(problems);
    for (int i = 0; i < list.getValue().size(); i++) {
      StepDraft step = reader.read(list.getValue().get(i), i);
      if (step != null) {
        steps.add(step);
      }
    }
    return steps;
  }

  private List<Escalation> readEscalations(Node node) {
    List<Escalation> escalations = new ArrayList<>();
    if (node == null) {
      return escalations;
    }
    if (!(node instanceof SequenceNode list)) {
      problems.at(node, "", "'escalations' must be a list, got " + YamlValues.describe(node));
      return escalations;
    }
    for (int i = 0; i < list.getValue().size(); i++) {
      String context = "escalations[" + i + "]";
      YamlMap escalation = YamlMap.read(list.getValue().get(i), context, "escalation", ESCALATION_KEYS, problems);
      if (escalation == null) {
        continue;
      }
      Duration after = escalation.duration("after", true);
      Node emitNode = escalation.require("emit");
      YamlMap emit = emitNode == null ? null : YamlMap.read(emitNode, context, "emit", EMIT_KEYS, problems);
      String topic = emit == null ? null : emit.text("topic", true);
      String type = emit == null ? null : emit.text("type", true);
      if (after != null && topic != null && type != null) {
        escalations.add(new Escalation(after, topic, type));
      }
    }
    return escalations;
  }
}
