package io.choreography.tracker.service.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its API key. A request without a known key stays anonymous (or is left to the JWT
 * resource server when the bearer token is not an API key): the authorization rules then answer 401 or 403.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  private final ApiKeyStore keys;

  ApiKeyAuthenticationFilter(ApiKeyStore keys) {
    this.keys = keys;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = PresentedKey.header(request);
    Optional<Role> role = keys.roleOf(header != null ? header : PresentedKey.bearer(request));
    if (role.isPresent()) {
      SecurityContext context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(new ApiKeyAuthentication(role.get()));
      SecurityContextHolder.setContext(context);
    }
    chain.doFilter(request, response);
  }

  /** An authenticated API-key caller; the key itself is not kept. */
  static final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final Role role;

    ApiKeyAuthentication(Role role) {
      super(role.authorities());
      this.role = role;
      setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
      return "";
    }

    @Override
    public Object getPrincipal() {
      return "api-key:" + role.name().toLowerCase();
    }
  }
}
