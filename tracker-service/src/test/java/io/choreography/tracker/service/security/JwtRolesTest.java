package io.choreography.tracker.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class JwtRolesTest {

  private static Jwt jwt(String claim, Object value) {
    return Jwt.withTokenValue("t").header("alg", "none").claim(claim, value).issuedAt(Instant.now()).build();
  }

  @Test
  void shouldGrantTheRolesListedInTheConfiguredClaim() {
    // given
    JwtRoles roles = new JwtRoles("tracker_roles");

    // when
    List<String> operator = roles.convert(jwt("tracker_roles", List.of("operator", "admin"))).stream()
        .map(GrantedAuthority::getAuthority).toList();
    List<String> viewer = roles.convert(jwt("tracker_roles", "viewer other")).stream()
        .map(GrantedAuthority::getAuthority).toList();
    List<String> none = roles.convert(jwt("roles", List.of("operator"))).stream()
        .map(GrantedAuthority::getAuthority).toList();

    // then
    assertThat(operator).containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_OPERATOR");
    assertThat(viewer).containsExactly("ROLE_VIEWER");
    assertThat(none).isEmpty();
  }
}
