package io.choreography.tracker.service.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/** Reads the caller's roles from a configurable JWT claim (a list, or a space-separated string). */
final class JwtRoles implements Converter<Jwt, Collection<GrantedAuthority>> {

  private final String claim;

  JwtRoles(String claim) {
    this.claim = claim;
  }

  static JwtAuthenticationConverter converter(String claim) {
    JwtAuthenticationConverter c = new JwtAuthenticationConverter();
    c.setJwtGrantedAuthoritiesConverter(new JwtRoles(claim));
    return c;
  }

  @Override
  public Collection<GrantedAuthority> convert(Jwt jwt) {
    Object value = jwt.getClaims().get(claim);
    List<String> names = new ArrayList<>();
    if (value instanceof Collection<?> list) {
      list.forEach(v -> names.add(String.valueOf(v)));
    } else if (value instanceof String s) {
      names.addAll(List.of(s.trim().split("\\s+")));
    }
    Set<GrantedAuthority> authorities = new LinkedHashSet<>();
    for (String name : names) {
      Role role = Role.fromClaim(name);
      if (role != null) {
        authorities.addAll(role.authorities());
      }
    }
    return authorities;
  }
}
