package io.choreography.tracker.rules.extract;

import io.cloudevents.CloudEvent;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The context attributes of a structured-mode CloudEvent (id, type, time, source, subject, extensions...) as
 * strings, exactly as the binary mode would carry them in {@code ce_<attr>} headers.
 */
final class CloudEventAttributes {

  private CloudEventAttributes() {}

  static Map<String, String> of(CloudEvent event) {
    Map<String, String> attributes = new HashMap<>();
    for (String name : event.getAttributeNames()) {
      put(attributes, name, event.getAttribute(name));
    }
    for (String name : event.getExtensionNames()) {
      put(attributes, name, event.getExtension(name));
    }
    return attributes;
  }

  private static void put(Map<String, String> attributes, String name, Object value) {
    String text = render(value);
    if (text != null && !text.isEmpty()) {
      attributes.put(name, text);
    }
  }

  private static String render(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime time) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }
    if (value instanceof BigDecimal decimal) {
      return JsonScalars.canonical(decimal);
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? JsonScalars.canonical(new BigDecimal(Double.toString(d))) : null;
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    return value.toString();
  }
}
