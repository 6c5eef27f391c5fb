package io.choreography.tracker.service.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code key=value} arguments of a benchmark main (a leading {@code --} is accepted and ignored; an argument
 * holding several, separated by blanks, is split).
 */
final class Options {

  private final Map<String, String> values = new HashMap<>();

  /** Any names; a bare name means {@code name=true}. */
  Options(String[] args) {
    this(args, null);
  }

  /** Only {@code name=value} with a name of {@code known}; anything else is refused. */
  Options(String[] args, Set<String> known) {
    for (String arg : args) {
      for (String a : arg.trim().split("\\s+")) {
        if (a.isEmpty()) {
          continue;
        }
        String[] kv = a.replaceFirst("^--", "").split("=", 2);
        if (known != null && (kv.length != 2 || !known.contains(kv[0]))) {
          throw new IllegalArgumentException("expected name=value with a name of " + known + ", got " + a);
        }
        values.put(kv[0], kv.length > 1 ? kv[1] : "true");
      }
    }
  }

  int integer(String key, int fallback) {
    return values.containsKey(key) ? Integer.parseInt(values.get(key).replace("_", "")) : fallback;
  }

  long longValue(String key, long fallback) {
    return values.containsKey(key) ? Long.parseLong(values.get(key).replace("_", "")) : fallback;
  }

  String string(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  boolean flag(String key) {
    return Boolean.parseBoolean(values.getOrDefault(key, "false"));
  }
}
