package io.choreography.tracker.service.elasticsearch;

/** One whole document, computed by the tracker, to be written to {@code index} under a deterministic {@code id}. */
public record IndexDocument(String index, String id, byte[] json) {}
