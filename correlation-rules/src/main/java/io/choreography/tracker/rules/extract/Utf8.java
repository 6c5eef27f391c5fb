package io.choreography.tracker.rules.extract;

/**
 * Strict UTF-8 validation without decoding: Java's decoder silently replaces bad sequences, and a checking
 * {@code CharsetDecoder} reports them with exceptions; this runs for every record, so it must do neither.
 */
final class Utf8 {

  private Utf8() {}

  /** True when the bytes are well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF). */
  static boolean isValid(byte[] bytes) {
    int i = 0;
    int n = bytes.length;
    while (i < n) {
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      b &= 0xFF;
      if (b >= 0xC2 && b <= 0xDF) {
        if (!continuation(bytes, i + 1, n)) {
          return false;
        }
        i += 2;
      } else if (b >= 0xE0 && b <= 0xEF) {
        if (i + 2 >= n) {
          return false;
        }
        int b1 = bytes[i + 1] & 0xFF;
        // E0 needs A0..BF (no overlong), ED needs 80..9F (no surrogates)
        int lo = b == 0xE0 ? 0xA0 : 0x80;
        int hi = b == 0xED ? 0x9F : 0xBF;
        if (b1 < lo || b1 > hi || !continuation(bytes, i + 2, n)) {
          return false;
        }
        i += 3;
      } else if (b >= 0xF0 && b <= 0xF4) {
        if (i + 3 >= n) {
          return false;
        }
        int b1 = bytes[i + 1] & 0xFF;
        // F0 needs 90..BF (no overlong), F4 needs 80..8F (nothing above U+10FFFF)
        int lo = b == 0xF0 ? 0x90 : 0x80;
        int hi = b == 0xF4 ? 0x8F : 0xBF;
        if (b1 < lo || b1 > hi || !continuation(bytes, i + 2, n) || !continuation(bytes, i + 3, n)) {
          return false;
        }
        i += 4;
      } else {
        return false;
      }
    }
    return true;
  }

  private static boolean continuation(byte[] bytes, int i, int n) {
    return i < n && (bytes[i] & 0xC0) == 0x80;
  }
}
