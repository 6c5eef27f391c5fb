package io.choreography.tracker.service.security;

import io.choreography.tracker.service.api.ApiError;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 as {@code {status, error, message}}, like every other API error. */
final class JsonSecurityErrors {

  private final JsonMapper json;

  JsonSecurityErrors(JsonMapper json) {
    this.json = json;
  }

  AuthenticationEntryPoint unauthorized() {
    return (request, response, e) -> write(response, HttpStatus.UNAUTHORIZED,
        "authentication required: send a valid API key as X-API-Key or Authorization: Bearer");
  }

  AccessDeniedHandler forbidden() {
    return (request, response, e) -> write(response, HttpStatus.FORBIDDEN,
        "the caller's role may not " + request.getMethod() + " " + request.getRequestURI());
  }

  private void write(HttpServletResponse response, HttpStatus status, String message) throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    if (status == HttpStatus.UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    json.writeValue(response.getOutputStream(), ApiError.of(status, message));
  }
}
