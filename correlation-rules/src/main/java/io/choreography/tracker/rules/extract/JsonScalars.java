package io.choreography.tracker.rules.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** Turns JSON scalars into the string values sources yield, and compares them with {@code where} scalars. */
final class JsonScalars {

  /** Beyond this many digits a plain rendering could be huge (1e999999999): use scientific notation. */
  private static final int MAX_PLAIN_DIGITS = 64;

  private JsonScalars() {}

  /**
   * A string (non-empty) or a number, as text; null for anything else. Numbers are canonical so that the same
   * quantity always yields the same trace id: integers without ".0", no trailing zeros.
   */
  static String text(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      String s = node.textValue();
      return s.isEmpty() ? null : s;
    }
    if (node.isIntegralNumber()) {
      return node.asText();
    }
    if (node.isNumber()) {
      return canonical(node.decimalValue());
    }
    return null;
  }

  static String canonical(BigDecimal value) {
    BigDecimal d = value.stripTrailingZeros();
    int scale = d.scale();
    int integerDigits = d.precision() - scale;
    if (scale > MAX_PLAIN_DIGITS || integerDigits > MAX_PLAIN_DIGITS) {
      return d.toString();
    }
    return d.toPlainString();
  }

  /**
   * {@code where} equality: numbers numerically, strings exactly, booleans, null for JSON null. The expected
   * value has been normalised by {@link #expected(Object)}.
   */
  static boolean equalsExpected(JsonNode node, Object expected) {
    if (node == null || node.isMissingNode()) {
      return false;
    }
    if (expected == null) {
      return node.isNull();
    }
    if (expected instanceof BigDecimal number) {
      return node.isNumber() && node.decimalValue().compareTo(number) == 0;
    }
    if (expected instanceof String s) {
      return node.isTextual() && s.equals(node.textValue());
    }
    if (expected instanceof Boolean b) {
      return node.isBoolean() && b == node.booleanValue();
    }
    return false;
  }

  /**
   * Normalises a {@code where} scalar once at compile time: numbers become BigDecimal; a non-finite number or a
   * type that JSON has no scalar for becomes {@link #NEVER}, which no node equals.
   */
  static Object expected(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : NEVER;
    }
    if (value instanceof Number n) {
      try {
        return new BigDecimal(n.toString());
      } catch (NumberFormatException e) {
        return NEVER;
      }
    }
    return NEVER;
  }

  static final Object NEVER = new Object();
}
