package io.choreography.tracker.service.security;

import jakarta.servlet.http.HttpServletRequest;

/** Where a caller puts its API key: the {@code X-API-Key} header, or {@code Authorization: Bearer <key>}. */
final class PresentedKey {

  static final String HEADER = "X-API-Key";
  private static final String BEARER = "Bearer ";

  private PresentedKey() {}

  /** The key in the X-API-Key header, or null. */
  static String header(HttpServletRequest request) {
    String v = request.getHeader(HEADER);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** The bearer token of the Authorization header, or null. */
  static String bearer(HttpServletRequest request) {
    String v = request.getHeader("Authorization");
    if (v == null || v.length() <= BEARER.length() || !v.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return v.substring(BEARER.length()).trim();
  }
}
