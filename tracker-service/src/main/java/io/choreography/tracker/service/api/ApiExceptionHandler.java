package io.choreography.tracker.service.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Maps failures of API calls to {@code {status, error, message}}. */
@RestControllerAdvice(basePackages = "io.choreography.tracker.service.api")
public class ApiExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  public ResponseEntity<ApiError> api(ApiException e) {
    if (e.status().is5xxServerError()) {
      LOG.warn("API call failed: {}", e.getMessage(), e.getCause());
    }
    return ResponseEntity.status(e.status()).body(ApiError.of(e.status(), e.getMessage()));
  }

  @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
  public ResponseEntity<ApiError> badParameter(Exception e) {
    return ResponseEntity.badRequest().body(ApiError.of(HttpStatus.BAD_REQUEST, e.getMessage()));
  }

  @ExceptionHandler(Exception.class)
  public ResponseEntity<ApiError> unexpected(Exception e) {
    LOG.error("API call failed unexpectedly", e);
    return ResponseEntity.internalServerError()
        .body(ApiError.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; see the tracker's log"));
  }
}
