package io.choreography.tracker.service.api;

import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request whose target is no URI (a malformed escape such as {@code %ZZ}, a raw character a URI may not hold)
 * never reaches Spring, which answers such a request 400 with an empty body before any filter runs: this answers
 * it {@code {status, error, message}} like every other bad request.
 */
@Component
public class MalformedUris implements NettyServerCustomizer {

  private final byte[] body;

  public MalformedUris(JsonMapper json) {
    this.body = json.writeValueAsBytes(ApiError.of(HttpStatus.BAD_REQUEST,
        "the request's path or query is not a valid URI: percent-encode what it holds"));
  }

  @Override
  public HttpServer apply(HttpServer server) {
    return server.mapHandle((handled, connection) -> {
      if (connection instanceof HttpServerRequest request && connection instanceof HttpServerResponse response
          && !valid(request.uri())) {
        return response.status(HttpStatus.BAD_REQUEST.value())
            .header("Content-Type", "application/json")
            .header("Connection", "close")
            .sendByteArray(Mono.just(body)).then();
      }
      return handled;
    });
  }

  static boolean valid(String target) {
    try {
      new URI(target.startsWith("/") ? "http://localhost" + target : target);
      return true;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
