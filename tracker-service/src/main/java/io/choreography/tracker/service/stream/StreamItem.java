package io.choreography.tracker.service.stream;

import java.util.Set;

/**
 * One thing that happened, ready to send: the SSE event name ({@code event}, {@code instance}, {@code incident}),
 * what it can be filtered by, and its JSON.
 */
record StreamItem(String name, String traceId, Set<String> processes, String json) {}
