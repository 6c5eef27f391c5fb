package io.choreography.tracker.rules.tracking.state;

/** One timer of the due index: at {@code dueAt} (epoch ms), {@code key} (an instance key) needs the tracker. */
public record DueTimer(long dueAt, String key) {}
