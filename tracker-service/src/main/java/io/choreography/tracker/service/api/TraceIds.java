package io.choreography.tracker.service.api;

import io.choreography.tracker.rules.extract.IdLimits;

/**
 * Checks a trace id given by a caller before it goes anywhere, by the rule tracking applies to the ids it takes
 * ({@link IdLimits}): every id the tracker holds can be asked for, and nothing else gets further than a 400.
 */
public final class TraceIds {

  private TraceIds() {}

  public static void validate(String traceId) {
    String problem = IdLimits.problem(traceId);
    if (problem != null) {
      throw ApiException.badRequest("trace id must be at most " + IdLimits.MAX_LENGTH
          + " characters, not blank, without control characters, but is " + problem);
    }
  }
}
