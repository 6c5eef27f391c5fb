package io.choreography.tracker.rules.definition;

import java.util.regex.Pattern;

/** The id format of processes and steps: they appear in URLs, index fields and incident ids. */
final class Ids {

  static final String PATTERN_TEXT = "[a-z0-9][a-z0-9-]{0,62}";
  private static final Pattern PATTERN = Pattern.compile(PATTERN_TEXT);

  private Ids() {}

  static boolean valid(String id) {
    return PATTERN.matcher(id).matches();
  }
}
