package io.choreography.tracker.rules.extract;

import java.time.Instant;

/**
 * The record matches step {@code step} of process {@code process}; trace id, event id and time were read
 * with that process's sources. {@code traceId} is null when none of the process's correlation sources
 * yielded a value (an UNCORRELATED event, SPEC 3.8).
 */
public record StepMatch(String process, String step, String traceId, String eventId, Instant time) {}
