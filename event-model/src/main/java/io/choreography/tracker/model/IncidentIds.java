package io.choreography.tracker.model;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic incident ids (SPEC 3.10): a name-based UUID of (process, trace id, type, step). Every incident the
 * engine raises is unique per that key (later occurrences are folded into its count), so a replay after a crash
 * produces the same ids.
 */
public final class IncidentIds {

  private IncidentIds() {}

  public static String of(String process, String traceId, IncidentType type, String step) {
    String key = process + '\u0000' + (traceId == null ? "" : traceId) + '\u0000' + type.name() + '\u0000'
        + (step == null ? "" : step);
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
