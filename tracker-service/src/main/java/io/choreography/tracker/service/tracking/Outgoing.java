package io.choreography.tracker.service.tracking;

/**
 * A record the tracking processor publishes: its topic and its value (the key travels in the record itself).
 *
 * @param everyPartition to every partition of the topic (the tasks' watermarks), rather than by key
 */
record Outgoing(String topic, byte[] value, boolean everyPartition) {

  Outgoing(String topic, byte[] value) {
    this(topic, value, false);
  }
}
