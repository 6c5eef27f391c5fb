package io.choreography.tracker.service.api.openapi;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the requests of the OpenAPI document and its UI on a worker thread: springdoc builds the document in its
 * request handler under a lock (and reads class files the first time), which must not hold up an event loop, e.g.
 * while the document is still being built at start.
 */
final class OpenApiRequestsOffEventLoop implements WebFilter, Ordered {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    if (path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui") || path.startsWith("/webjars/swagger-ui")) {
      return chain.filter(exchange).subscribeOn(Schedulers.boundedElastic());
    }
    return chain.filter(exchange);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
