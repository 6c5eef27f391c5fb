package io.choreography.tracker.model.intake;

import java.util.Objects;

/**
 * A business key value linked to an instance, or the link removed with the instance (SPEC 3.12). Published by the
 * task that owns the instance to the task that owns the link ({@link #linkKey()}), through the intake topic.
 *
 * @param at when, on the tracker's time line (the arrival of the event that carried the value, or the verdict time
 *     of the purge)
 * @param removed true when the instance left the store after its retention
 */
public record KeyLink(String process, String keyName, String value, String traceId, long at, boolean removed)
    implements IntakeRecord {

  public KeyLink {
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(keyName, "keyName");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(traceId, "traceId");
  }

  public String linkKey() {
    return ForwardedMatch.linkKey(process, keyName, value);
  }
}
