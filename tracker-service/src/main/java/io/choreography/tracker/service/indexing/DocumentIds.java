package io.choreography.tracker.service.indexing;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic, URL-safe document ids: the record key percent-encoded (RFC 3986 unreserved characters kept), so
 * {@code order-fulfillment/4bf9} becomes {@code order-fulfillment%2F4bf9} and can be used in a URL path as is.
 */
public final class DocumentIds {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private DocumentIds() {}

  /** The id of an instance document. */
  public static String instance(String process, String traceId) {
    return of(process + "/" + traceId);
  }

  public static String of(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 8);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (unreserved(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  private static boolean unreserved(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }
}
