package io.choreography.tracker.model.intake;

/**
 * A record of the intake topic ({@code tracker.events}): what the forwarder read from the business topics, once,
 * keyed for the tracking topology (by trace id), plus the input watermarks and operators' incident commands that
 * must reach the same tasks in order with the events. Written by {@link IntakeRecordCodec}.
 */
public sealed interface IntakeRecord permits ForwardedEvent, InputWatermark, ForwardedCommand {}
