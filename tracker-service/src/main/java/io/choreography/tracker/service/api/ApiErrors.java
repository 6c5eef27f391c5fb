package io.choreography.tracker.service.api;

import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every failure of an HTTP call, wherever it happens (a controller, parameter binding, no such path or method),
 * answers {@code {status, error, message}} JSON (SPEC section 5), whatever the request accepts: an error body is
 * never negotiated into an HTML page or a 406. Client errors are not logged; a server error is logged once, and
 * its answer names no exception.
 *
 * <p>Ordered before Spring Boot's own handler (which renders error pages and attributes).
 */
@Component
@Order(-2)
public class ApiErrors implements WebExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
  /** A message that names Java types (a framework's reason) is replaced by the status's own words. */
  private static final Pattern JAVA_TYPE = Pattern.compile("\\b[a-z]+\\.[a-z]+\\.[A-Za-z]|Exception");

  private final JsonMapper json;

  public ApiErrors(JsonMapper json) {
    this.json = json;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.error(failure); // too late for an answer: the connection is closed by the server
    }
    ApiError error = errorOf(exchange.getRequest(), failure);
    return write(response, error);
  }

  /** Writes the error as the whole response. */
  public Mono<Void> write(ServerHttpResponse response, ApiError error) {
    response.setStatusCode(HttpStatusCode.valueOf(error.status()));
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    response.getHeaders().remove("Content-Disposition");
    DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(error));
    return response.writeWith(Mono.just(body));
  }

  private static ApiError errorOf(ServerHttpRequest request, Throwable failure) {
    if (failure instanceof ApiException e) {
      if (e.status().is5xxServerError()) {
        LOG.warn("{} {} failed: {}", request.getMethod(), request.getPath().value(), e.getMessage());
      }
      return ApiError.of(e.status(), e.getMessage());
    }
    if (failure instanceof NoResourceFoundException
        || failure instanceof ResponseStatusException e && e.getStatusCode().value() == 404) {
      return ApiError.of(HttpStatus.NOT_FOUND, "no such path: " + request.getMethod() + " " + request.getPath());
    }
    if (failure instanceof MethodNotAllowedException) {
      return ApiError.of(HttpStatus.METHOD_NOT_ALLOWED,
          request.getMethod() + " is not supported on " + request.getPath());
    }
    if (failure instanceof NotAcceptableStatusException) {
      return ApiError.of(HttpStatus.NOT_ACCEPTABLE,
          "the answer of " + request.getPath() + " cannot be given in the media types the request accepts");
    }
    if (failure instanceof UnsupportedMediaTypeStatusException) {
      return ApiError.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the request's content type is not supported here");
    }
    if (failure instanceof ServerWebInputException e) {
      return ApiError.of(HttpStatus.BAD_REQUEST, clean(e.getReason(), "the request is not valid"));
    }
    if (failure instanceof ResponseStatusException e) {
      HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
      if (status == null) {
        status = e.getStatusCode().is4xxClientError() ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
      }
      if (status.is5xxServerError()) {
        LOG.error("{} {} failed", request.getMethod(), request.getPath().value(), failure);
      }
      return ApiError.of(status, clean(e.getReason(), status.getReasonPhrase()));
    }
    LOG.error("{} {} failed unexpectedly", request.getMethod(), request.getPath().value(), failure);
    return ApiError.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; see the tracker's log");
  }

  private static String clean(String reason, String otherwise) {
    return reason == null || reason.isBlank() || JAVA_TYPE.matcher(reason).find() ? otherwise : reason;
  }
}
