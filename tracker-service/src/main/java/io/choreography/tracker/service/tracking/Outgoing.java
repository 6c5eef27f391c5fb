package io.choreography.tracker.service.tracking;

/** A record the tracking processor publishes: its topic and its value (the key travels in the record itself). */
record Outgoing(String topic, byte[] value) {}
