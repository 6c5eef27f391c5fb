package io.choreography.tracker.service.security;

import java.util.Locale;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An authenticated caller of a role: by its API key (the key itself is not kept), or anyone when security is off. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

  private final Role role;
  private final String principal;

  private ApiKeyAuthentication(Role role, String principal) {
    super(role.authorities());
    this.role = role;
    this.principal = principal;
    setAuthenticated(true);
  }

  static ApiKeyAuthentication of(Role role) {
    return new ApiKeyAuthentication(role, "api-key:" + role.name().toLowerCase(Locale.ROOT));
  }

  /** Every caller while tracker.security.enabled=false: it may do everything, and see every detail. */
  static ApiKeyAuthentication securityOff() {
    return new ApiKeyAuthentication(Role.OPERATOR, "security-off");
  }

  Role role() {
    return role;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return principal;
  }
}
