package io.choreography.tracker.service.security;

import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The two roles of the API. An operator can do everything a viewer can. */
public enum Role {
  VIEWER,
  OPERATOR;

  static final String VIEWER_AUTHORITY = "ROLE_VIEWER";
  static final String OPERATOR_AUTHORITY = "ROLE_OPERATOR";

  List<GrantedAuthority> authorities() {
    return this == OPERATOR
        ? List.of(new SimpleGrantedAuthority(VIEWER_AUTHORITY), new SimpleGrantedAuthority(OPERATOR_AUTHORITY))
        : List.of(new SimpleGrantedAuthority(VIEWER_AUTHORITY));
  }

  /** The role a JWT claim value names, or null for anything else. */
  static Role fromClaim(String value) {
    for (Role r : values()) {
      if (r.name().equalsIgnoreCase(value)) {
        return r;
      }
    }
    return null;
  }
}
