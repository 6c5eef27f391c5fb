package io.choreography.tracker.rules.extract;

/**
 * A step's {@code on.topic}: a topic name, or a glob where {@code *} is any run of characters and {@code ?} one
 * character; everything else (dots included) is literal. Compiled once per step; the decision per topic is cached
 * by the caller, so no regular expression is involved.
 */
final class TopicGlob {

  private final String pattern;
  private final boolean literal;

  private TopicGlob(String pattern) {
    this.pattern = pattern;
    this.literal = pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0;
  }

  static TopicGlob compile(String pattern) {
    return new TopicGlob(pattern == null ? "" : pattern);
  }

  boolean matches(String topic) {
    if (literal) {
      return pattern.equals(topic);
    }
    return wildcardMatch(pattern, topic);
  }

  /** Linear-time wildcard match that backtracks only to the last {@code *}. */
  private static boolean wildcardMatch(String p, String t) {
    int pi = 0;
    int ti = 0;
    int star = -1;
    int mark = 0;
    while (ti < t.length()) {
      if (pi < p.length() && (p.charAt(pi) == '?' || (p.charAt(pi) != '*' && p.charAt(pi) == t.charAt(ti)))) {
        pi++;
        ti++;
      } else if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = ti;
      } else if (star >= 0) {
        pi = star + 1;
        ti = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }

  @Override
  public String toString() {
    return pattern;
  }
}
