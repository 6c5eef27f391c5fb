package io.choreography.tracker.rules.tracking.state;

import io.choreography.tracker.model.Incident;

/**
 * What the tracker remembers of an incident beyond the engine's state: the incident as last published (when it
 * opened, whether and when an operator acknowledged or resolved it) and whether an operator resolved it.
 */
public record LifecycleEntry(Incident incident, boolean resolvedByOperator) {}
