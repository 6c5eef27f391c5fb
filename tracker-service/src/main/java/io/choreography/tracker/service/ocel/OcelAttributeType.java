package io.choreography.tracker.service.ocel;

/**
 * The attribute types of OCEL 2.0. Values of different types under one attribute name widen: integer and float to
 * float, anything else to string (every value is written as text, so a reader can always read it as declared).
 */
enum OcelAttributeType {
  STRING, TIME, INTEGER, FLOAT, BOOLEAN;

  String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  OcelAttributeType widen(OcelAttributeType other) {
    if (other == this) {
      return this;
    }
    if ((this == INTEGER && other == FLOAT) || (this == FLOAT && other == INTEGER)) {
      return FLOAT;
    }
    return STRING;
  }
}
