package io.choreography.tracker.rules.extract;

import io.choreography.tracker.rules.definition.ValueSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One business key of a process (SPEC 3.12): its name and its compiled value sources. */
record KeySources(String name, List<CompiledSource> sources) {

  static List<KeySources> of(Map<String, List<ValueSource>> keys) {
    List<KeySources> compiled = new ArrayList<>(keys.size());
    keys.forEach((name, sources) -> compiled.add(new KeySources(name, CompiledSource.of(sources))));
    return List.copyOf(compiled);
  }

  /**
   * The values the record carries for these keys, by name, in order; a value {@link IdLimits} refuses is left out
   * and reported to {@code refused}. Empty (and allocation-free) when there are no keys.
   */
  static Map<String, String> read(List<KeySources> keys, RecordView view, Refused refused) {
    if (keys.isEmpty()) {
      return Map.of();
    }
    Map<String, String> values = null;
    for (KeySources key : keys) {
      String value = CompiledSource.first(key.sources(), view);
      if (value == null) {
        continue;
      }
      String problem = IdLimits.problem(value);
      if (problem != null) {
        refused.note("key " + key.name() + " refused: " + problem);
        continue;
      }
      if (values == null) {
        values = new LinkedHashMap<>(4);
      }
      values.put(key.name(), value);
    }
    return values == null ? Map.of() : values;
  }

  /** Where refusals are noted. */
  interface Refused {
    void note(String problem);
  }
}
