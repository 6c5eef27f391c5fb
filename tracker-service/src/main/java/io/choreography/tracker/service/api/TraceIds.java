package io.choreography.tracker.service.api;

/** Checks a trace id given by a caller before it goes anywhere. */
public final class TraceIds {

  static final int MAX_LENGTH = 256;

  private TraceIds() {}

  public static void validate(String traceId) {
    if (traceId == null || traceId.isBlank()) {
      throw ApiException.badRequest("trace id must not be empty");
    }
    if (traceId.length() > MAX_LENGTH) {
      throw ApiException.badRequest("trace id must be at most " + MAX_LENGTH + " characters, but has "
          + traceId.length());
    }
    for (int i = 0; i < traceId.length(); i++) {
      if (Character.isISOControl(traceId.charAt(i))) {
        throw ApiException.badRequest("trace id must not contain control characters");
      }
    }
  }
}
