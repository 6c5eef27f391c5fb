package io.choreography.tracker.rules.definition;

import io.choreography.tracker.rules.definition.DefinitionException.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** Collects the problems of one source, so that a file reports everything wrong with it at once. */
final class Problems {

  private final String source;
  private final List<Problem> found = new ArrayList<>();

  Problems(String source) {
    this.source = source;
  }

  String source() {
    return source;
  }

  /** A problem at the line of {@code node}; {@code context} (e.g. "step 'a'") prefixes the message when set. */
  void at(Node node, String context, String message) {
    add(line(node), context, message);
  }

  void add(int line, String context, String message) {
    found.add(new Problem(source, line, context == null || context.isEmpty() ? message : context + ": " + message));
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /** In line order (stable): a file's problems read top to bottom, like the file. */
  List<Problem> all() {
    return found.stream().sorted(Comparator.comparingInt(Problem::line)).toList();
  }

  /** The 1-based line where {@code node} starts, 0 when unknown. */
  static int line(Node node) {
    return node == null ? 0 : node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }
}
