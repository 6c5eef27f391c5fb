package io.choreography.tracker.model.intake;

/**
 * A record of the intake topic ({@code tracker.events}): what the forwarder read from the business topics, once,
 * keyed for the tracking topology (by trace id), plus the input watermarks and operators' incident commands that
 * must reach the same tasks in order with the events, and what the tracking tasks route to one another to correlate
 * by business keys (links, and matches on their way to the owner of a link or of an instance). Written by {@link
 * IntakeRecordCodec}.
 */
public sealed interface IntakeRecord permits ForwardedEvent, InputWatermark, ForwardedCommand, KeyLink, TaskWatermark,
    TaskWatermarkBatch {}
