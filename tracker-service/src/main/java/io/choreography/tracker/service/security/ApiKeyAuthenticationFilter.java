package io.choreography.tracker.service.security;

import java.util.Optional;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates a request by its API key. A request without a known key stays anonymous (or is left to the JWT
 * resource server when the bearer token is not an API key): the authorization rules then answer 401 or 403.
 */
final class ApiKeyAuthenticationFilter implements WebFilter {

  private final ApiKeyStore keys;

  ApiKeyAuthenticationFilter(ApiKeyStore keys) {
    this.keys = keys;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String header = PresentedKey.header(exchange.getRequest());
    Optional<Role> role = keys.roleOf(header != null ? header : PresentedKey.bearer(exchange.getRequest()));
    if (role.isEmpty()) {
      return chain.filter(exchange);
    }
    return chain.filter(exchange)
        .contextWrite(ReactiveSecurityContextHolder.withAuthentication(ApiKeyAuthentication.of(role.get())));
  }

  /** tracker.security.enabled=false: every caller is trusted as an operator. */
  static WebFilter trustingEveryone() {
    return (exchange, chain) -> chain.filter(exchange)
        .contextWrite(ReactiveSecurityContextHolder.withAuthentication(ApiKeyAuthentication.securityOff()));
  }
}
