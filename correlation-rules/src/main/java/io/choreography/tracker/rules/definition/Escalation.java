package io.choreography.tracker.rules.definition;

import java.time.Duration;

/** At {@code after} of instance age, emit one command event of {@code type} to {@code topic}, once per instance. */
public record Escalation(Duration after, String topic, String type) {}
