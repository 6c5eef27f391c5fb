package io.choreography.tracker.rules.definition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds cycles in the {@code after} graph (a step waiting, directly or not, for itself can never be expected).
 * Each cycle is returned as the step ids along {@code after}, first step repeated at the end: [a, b, a] means
 * a is after b, which is after a.
 */
final class CycleFinder {

  private enum Color { WHITE, GRAY, BLACK }

  private final Map<String, List<String>> afterById;
  private final Map<String, Color> colors = new HashMap<>();
  private final List<String> path = new ArrayList<>();
  private final List<List<String>> cycles = new ArrayList<>();

  private CycleFinder(Map<String, List<String>> afterById) {
    this.afterById = afterById;
  }

  /**
   * @param afterById step id -> the known step ids of its {@code after}, in definition order; self references
   *     must already be left out (they are reported on their own)
   */
  static List<List<String>> find(LinkedHashMap<String, List<String>> afterById) {
    CycleFinder finder = new CycleFinder(afterById);
    for (String id : afterById.keySet()) {
      if (finder.colors.getOrDefault(id, Color.WHITE) == Color.WHITE) {
        finder.visit(id);
      }
    }
    return finder.cycles;
  }

  private void visit(String id) {
    colors.put(id, Color.GRAY);
    path.add(id);
    for (String next : afterById.getOrDefault(id, List.of())) {
      Color c = colors.getOrDefault(next, Color.WHITE);
      if (c == Color.GRAY) {
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
        cycle.add(next);
        cycles.add(cycle);
      } else if (c == Color.WHITE) {
        visit(next);
      }
    }
    path.remove(path.size() - 1);
    colors.put(id, Color.BLACK);
  }
}
