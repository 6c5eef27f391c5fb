package io.choreography.tracker.service.security;

/**
 * The curl option that passes security ({@code -H "X-API-Key: ..." }, empty when security is off), for the hints
 * the demo logs. It names the key only when it was generated for a local run and printed already.
 */
public record ApiKeyHint(String curlHeader) {

  @Override
  public String toString() {
    return "ApiKeyHint";
  }
}
