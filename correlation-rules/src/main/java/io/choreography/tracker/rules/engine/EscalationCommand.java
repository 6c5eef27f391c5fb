package io.choreography.tracker.rules.engine;

import java.time.Instant;

/**
 * An escalation fell due: the service emits one event of {@code type} to {@code topic} for the instance. Fired
 * once per (instance, escalation); {@code id} is deterministic so that the emitted event can carry it as its id.
 */
public record EscalationCommand(
    String id, String process, String traceId, int escalation, String topic, String type, Instant dueAt) {}
