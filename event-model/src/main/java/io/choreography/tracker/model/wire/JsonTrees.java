package io.choreography.tracker.model.wire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * JSON values as plain Java (objects as ordered maps, arrays as lists, strings, longs, doubles, booleans, null), read
 * with the streaming parser: what the codecs of the tracker's own topics read a record into before they check its
 * fields.
 */
public final class JsonTrees {

  private static final JsonFactory JSON = new JsonFactory();

  private JsonTrees() {}

  /** The JSON object of {@code json}; throws IllegalArgumentException on anything else. */
  public static Map<String, Object> object(byte[] json, String what) {
    if (json == null || json.length == 0) {
      throw new IllegalArgumentException("not " + what + ": empty record");
    }
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not " + what + ": not a JSON object");
      }
      return map(value(p));
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not " + what + ": " + e.getOriginalMessage(), e);
    }
  }

  /** The value the parser is at, whole. */
  public static Object value(JsonParser p) {
    switch (p.currentToken()) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String name = p.currentName();
          p.nextToken();
          m.put(name, value(p));
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(value(p));
        }
        return l;
      }
      case VALUE_STRING -> {
        return p.getString();
      }
      case VALUE_NUMBER_INT -> {
        return p.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      default -> {
        return null;
      }
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  public static List<Object> list(Object o) {
    return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
  }

  public static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    for (Object e : list(o)) {
      if (e instanceof String s) {
        out.add(s);
      }
    }
    return out;
  }

  public static String text(Object o) {
    return o instanceof String s ? s : null;
  }

  /** An ISO-8601 instant; null when absent; throws (DateTimeParseException) when unreadable. */
  public static Instant instant(Object o) {
    return o instanceof String s ? Instant.parse(s) : null;
  }

  /** Writes a time as {@link io.choreography.tracker.model.IsoInstants} text, or null. */
  public static void time(JsonGenerator g, String name, Instant t) {
    if (t == null) {
      g.writeNullProperty(name);
    } else {
      g.writeStringProperty(name, io.choreography.tracker.model.IsoInstants.format(t));
    }
  }

  /** Writes a string, or null. */
  public static void text(JsonGenerator g, String name, String value) {
    if (value == null) {
      g.writeNullProperty(name);
    } else {
      g.writeStringProperty(name, value);
    }
  }
}
