package io.choreography.tracker.rules.tracking.state;

import io.choreography.tracker.rules.engine.InstanceState;

/**
 * One stored instance: the version of the definition it started with (it keeps it to its end) and its state.
 */
public record TrackedInstance(String version, InstanceState state) {}
