package io.choreography.tracker.rules.definition;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** Reads typed values out of YAML nodes, reporting a wrong type with the node's line instead of failing. */
final class YamlValues {

  /** Constructs scalars with the same schema {@link YamlDocument} resolved their tags with. */
  private static final LoadSettings CORE = LoadSettings.builder().setSchema(new CoreSchema()).build();

  private YamlValues() {}

  /** What a node is, in words a definition author understands: "a map", "a list", "a number"... */
  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a map";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    Tag tag = node.getTag();
    if (Tag.NULL.equals(tag)) {
      return "nothing (null)";
    }
    if (Tag.BOOL.equals(tag)) {
      return "a boolean";
    }
    if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
      return "a number";
    }
    return "a string";
  }

  /**
   * A non-empty text, or null after reporting a problem. Numbers and booleans are taken as written: an event
   * type may well look like a number.
   */
  static String text(Node node, String context, String key, Problems problems) {
    if (!(node instanceof ScalarNode scalar) || Tag.NULL.equals(node.getTag())) {
      problems.at(node, context, "'" + key + "' must be a string, got " + describe(node));
      return null;
    }
    if (scalar.getValue().isBlank()) {
      problems.at(node, context, "'" + key + "' must not be empty");
      return null;
    }
    return scalar.getValue();
  }

  /** true/false, or null after reporting a problem. */
  static Boolean bool(Node node, String context, String key, Problems problems) {
    if (!(node instanceof ScalarNode scalar) || !Tag.BOOL.equals(node.getTag())) {
      problems.at(node, context, "'" + key + "' must be true or false, got " + describe(node));
      return null;
    }
    return Boolean.valueOf(scalar.getValue().toLowerCase(Locale.ROOT));
  }

  /** A positive duration, or null after reporting a problem. */
  static Duration duration(Node node, String context, String key, Problems problems) {
    if (!(node instanceof ScalarNode scalar) || Tag.NULL.equals(node.getTag())) {
      problems.at(node, context, "'" + key + "' must be a duration like 30s or PT5M, got " + describe(node));
      return null;
    }
    try {
      return Durations.parse(scalar.getValue(), key);
    } catch (IllegalArgumentException e) {
      problems.at(node, context, e.getMessage());
      return null;
    }
  }

  /**
   * The value of a scalar as String, Long, Double, Boolean or null (YAML 1.2 core schema), the types a
   * {@code where} condition compares with. Throws IllegalArgumentException for integers beyond a long.
   */
  static Object scalar(ScalarNode node) {
    Object v = new StandardConstructor(CORE).constructSingleDocument(Optional.of(node));
    if (v instanceof Integer i) {
      return i.longValue();
    }
    if (v instanceof BigInteger b) {
      if (b.bitLength() > 63) {
        throw new IllegalArgumentException("number " + node.getValue() + " is too large");
      }
      return b.longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    return v;
  }
}
