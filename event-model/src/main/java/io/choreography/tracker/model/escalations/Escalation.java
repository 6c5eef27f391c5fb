package io.choreography.tracker.model.escalations;

import java.time.Instant;
import java.util.Objects;

/**
 * An escalation that fell due (e.g. a DelayNotice), as the tracker publishes it on the topic its definition names.
 * Written and read by {@link EscalationCodec}.
 *
 * @param id deterministic per (instance, escalation): the CloudEvent id
 * @param type the CloudEvent type the definition names
 * @param escalation the escalation's index in its definition
 */
public record Escalation(String id, String type, String process, String traceId, int escalation, Instant dueAt) {

  public Escalation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
  }
}
