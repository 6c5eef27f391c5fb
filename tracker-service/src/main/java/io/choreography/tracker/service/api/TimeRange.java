package io.choreography.tracker.service.api;

import java.time.Instant;

/** The time range {@code [from, to)} of a query. */
record TimeRange(Instant from, Instant to) {}
