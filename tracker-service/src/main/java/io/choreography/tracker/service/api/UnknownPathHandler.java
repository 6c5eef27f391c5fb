package io.choreography.tracker.service.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** A path or method the API does not have answers {@code {status, error, message}} like every other API error. */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class UnknownPathHandler {

  @ExceptionHandler(NoResourceFoundException.class)
  public ResponseEntity<ApiError> unknownPath(NoResourceFoundException e, HttpServletRequest request) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(ApiError.of(HttpStatus.NOT_FOUND, "no such path: " + request.getMethod() + " " + request.getRequestURI()));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  public ResponseEntity<ApiError> wrongMethod(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).body(ApiError.of(HttpStatus.METHOD_NOT_ALLOWED,
        request.getMethod() + " is not supported on " + request.getRequestURI()));
  }
}
