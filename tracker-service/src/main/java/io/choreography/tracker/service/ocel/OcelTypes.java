package io.choreography.tracker.service.ocel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event and object types an export declares, with their attributes, gathered while the events and objects are
 * written: payload attributes are only known once seen. At most {@link #MAX_ATTRIBUTES} attributes per type, so that
 * payloads with ever new field names cannot grow it without bound; a further attribute is left out of the log.
 */
final class OcelTypes {

  static final int MAX_ATTRIBUTES = 64;

  private final Map<String, Map<String, OcelAttributeType>> eventTypes = new LinkedHashMap<>();
  private final Map<String, Map<String, OcelAttributeType>> objectTypes = new LinkedHashMap<>();
  private long attributesLeftOut;

  /** Declares an attribute of an event type; false when it is one too many and must be left out. */
  boolean eventAttribute(String type, String attribute, OcelAttributeType valueType) {
    return declare(eventTypes, type, attribute, valueType);
  }

  void eventType(String type) {
    eventTypes.computeIfAbsent(type, t -> new LinkedHashMap<>());
  }

  boolean objectAttribute(String type, String attribute, OcelAttributeType valueType) {
    return declare(objectTypes, type, attribute, valueType);
  }

  void objectType(String type) {
    objectTypes.computeIfAbsent(type, t -> new LinkedHashMap<>());
  }

  Map<String, Map<String, OcelAttributeType>> eventTypes() {
    return eventTypes;
  }

  Map<String, Map<String, OcelAttributeType>> objectTypes() {
    return objectTypes;
  }

  /** Attribute values left out because their type had {@link #MAX_ATTRIBUTES} attributes already. */
  long attributesLeftOut() {
    return attributesLeftOut;
  }

  private boolean declare(Map<String, Map<String, OcelAttributeType>> types, String type, String attribute,
      OcelAttributeType valueType) {
    Map<String, OcelAttributeType> attributes = types.computeIfAbsent(type, t -> new LinkedHashMap<>());
    OcelAttributeType declared = attributes.get(attribute);
    if (declared == null) {
      if (attributes.size() >= MAX_ATTRIBUTES) {
        attributesLeftOut++;
        return false;
      }
      attributes.put(attribute, valueType);
    } else {
      attributes.put(attribute, declared.widen(valueType));
    }
    return true;
  }
}
