package io.choreography.tracker.service.indexing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic, URL-safe document ids: the record key percent-encoded (RFC 3986 unreserved characters kept), so
 * {@code order-fulfillment/4bf9} becomes {@code order-fulfillment%2F4bf9} and can be used in a URL path as is.
 * Elasticsearch refuses ids over 512 bytes (and with them the whole bulk request): a key whose encoding is longer
 * (a long id of non-ASCII characters triples in length) gets {@code ~sha256~} and the SHA-256 of the key instead,
 * which no percent-encoded key of the tracker can equal (its instance keys hold a slash, encoded as {@code %2F}).
 */
public final class DocumentIds {

  /** Elasticsearch's limit on document ids, in bytes. */
  public static final int MAX_ID_BYTES = 512;

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
    return out.length() <= MAX_ID_BYTES ? out.toString() : digest(bytes);
  }

  private static String digest(byte[] key) {
    try {
      return "~sha256~" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static boolean unreserved(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }
}
