package io.choreography.tracker.rules.definition;

import java.util.Collection;

/**
 * Finds the known name a misspelt one was probably meant to be, for "did you mean" hints: a key of a definition, a
 * step id, a command of the command line.
 */
public final class KeySuggestion {

  /** Farther than this, a suggestion is more confusing than helpful. */
  private static final int MAX_DISTANCE = 2;

  private KeySuggestion() {}

  /** The closest of {@code known} within edit distance 2 of {@code key}, or null. The first one wins ties. */
  static String closest(String key, Collection<String> known) {
    String best = null;
    int bestDistance = MAX_DISTANCE + 1;
    for (String candidate : known) {
      int d = distance(key, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }

  /** " (did you mean 'x'?)" or "". */
  public static String hint(String key, Collection<String> known) {
    String s = closest(key, known);
    return s == null ? "" : " (did you mean '" + s + "'?)";
  }
}
