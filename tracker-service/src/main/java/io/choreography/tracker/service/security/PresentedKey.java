package io.choreography.tracker.service.security;

import org.springframework.http.server.reactive.ServerHttpRequest;

/** Where a caller puts its API key: the {@code X-API-Key} header, or {@code Authorization: Bearer <key>}. */
final class PresentedKey {

  static final String HEADER = "X-API-Key";
  private static final String BEARER = "Bearer ";

  private PresentedKey() {}

  /** The key in the X-API-Key header, or null. */
  static String header(ServerHttpRequest request) {
    String v = request.getHeaders().getFirst(HEADER);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** The bearer token of the Authorization header, or null. */
  static String bearer(ServerHttpRequest request) {
    String v = request.getHeaders().getFirst("Authorization");
    if (v == null || v.length() <= BEARER.length() || !v.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return v.substring(BEARER.length()).trim();
  }
}
