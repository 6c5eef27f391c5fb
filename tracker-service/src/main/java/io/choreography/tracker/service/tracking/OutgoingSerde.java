package io.choreography.tracker.service.tracking;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Writes the value of an {@link Outgoing} as it is; the topology never reads them back. */
final class OutgoingSerde implements Serde<Outgoing> {

  @Override
  public Serializer<Outgoing> serializer() {
    return (topic, data) -> data == null ? null : data.value();
  }

  @Override
  public Deserializer<Outgoing> deserializer() {
    return (topic, data) -> data == null ? null : new Outgoing(topic, data);
  }
}
