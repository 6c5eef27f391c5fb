package io.choreography.tracker.service.api;

import org.springframework.http.HttpStatus;

/** The body of every API error (SPEC section 5). Never a stack trace. */
public record ApiError(int status, String error, String message) {

  public static ApiError of(HttpStatus status, String message) {
    return new ApiError(status.value(), status.getReasonPhrase(), message);
  }
}
