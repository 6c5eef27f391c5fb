package io.choreography.tracker.rules.definition;

/** Checks RFC 6901 JSON Pointers as used in definitions: non-empty, starting with '/', escapes ~0 and ~1 only. */
final class JsonPointers {

  private JsonPointers() {}

  /** Null when {@code pointer} is valid, else why not. */
  static String problem(String pointer) {
    // The whole-document pointer "" is valid RFC 6901 but never what a definition means: payloads are objects.
    if (pointer.isEmpty() || pointer.charAt(0) != '/') {
      return "invalid JSON pointer '" + pointer + "': must start with '/' (e.g. /orderId)";
    }
    for (int i = 0; i < pointer.length(); i++) {
      if (pointer.charAt(i) == '~') {
        char next = i + 1 < pointer.length() ? pointer.charAt(i + 1) : ' ';
        if (next != '0' && next != '1') {
          return "invalid JSON pointer '" + pointer + "': '~' must be followed by 0 or 1 (~0 is '~', ~1 is '/')";
        }
      }
    }
    return null;
  }
}
