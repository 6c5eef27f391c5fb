package io.choreography.tracker.service.security;

import io.choreography.tracker.service.api.ApiError;
import io.choreography.tracker.service.api.ApiErrors;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;

/** 401, 403 and a request the firewall refuses, as {@code {status, error, message}} like every other API error. */
final class JsonSecurityErrors {

  private final ApiErrors errors;

  JsonSecurityErrors(ApiErrors errors) {
    this.errors = errors;
  }

  ServerAuthenticationEntryPoint unauthorized() {
    return (exchange, e) -> {
      exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
      return errors.write(exchange.getResponse(), ApiError.of(HttpStatus.UNAUTHORIZED,
          "authentication required: send a valid API key as X-API-Key or Authorization: Bearer"));
    };
  }

  ServerAccessDeniedHandler forbidden() {
    return (exchange, e) -> errors.write(exchange.getResponse(), ApiError.of(HttpStatus.FORBIDDEN,
        "the caller's role may not " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath()));
  }

  ServerExchangeRejectedHandler rejected() {
    return (exchange, e) -> errors.write(exchange.getResponse(), ApiError.of(HttpStatus.BAD_REQUEST,
        "the request was refused: " + e.getMessage()));
  }
}
