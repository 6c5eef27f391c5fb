package io.choreography.tracker.service.stream;

import io.choreography.tracker.service.api.ApiError;
import io.choreography.tracker.service.api.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors of {@code /api/stream} as {@code {status, error, message}} JSON. Written directly: the request accepts
 * {@code text/event-stream}, which content negotiation would refuse for a JSON body.
 */
@RestControllerAdvice(assignableTypes = StreamController.class)
public class StreamErrors {

  private final JsonMapper json;

  StreamErrors(JsonMapper json) {
    this.json = json;
  }

  @ExceptionHandler(ApiException.class)
  public void api(ApiException e, HttpServletResponse response) throws IOException {
    response.setStatus(e.status().value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    json.writeValue(response.getOutputStream(), ApiError.of(e.status(), e.getMessage()));
  }
}
