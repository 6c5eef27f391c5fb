package io.choreography.tracker.service.bench;

import java.util.HashMap;
import java.util.Map;

/** The {@code key=value} arguments of a benchmark main (a leading {@code --} is accepted and ignored). */
final class Options {

  private final Map<String, String> values = new HashMap<>();

  Options(String[] args) {
    for (String a : args) {
      if (a.isBlank()) {
        continue;
      }
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      values.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
  }

  int integer(String key, int fallback) {
    return values.containsKey(key) ? Integer.parseInt(values.get(key).replace("_", "")) : fallback;
  }

  String string(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  boolean flag(String key) {
    return Boolean.parseBoolean(values.getOrDefault(key, "false"));
  }
}
