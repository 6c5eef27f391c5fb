package io.choreography.tracker.service.security;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tracker.security.*}: who may call the API. On unless {@code enabled=false}.
 *
 * @param enabled false switches authentication off entirely (a WARN says so at start)
 * @param apiKeys the API keys and their roles
 * @param jwt an optional OAuth2/JWT resource server, used when an issuer or a JWK set is configured
 * @param metricsPublic whether {@code /actuator/prometheus} answers without a key
 */
@ConfigurationProperties("tracker.security")
public record SecurityProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue List<ApiKey> apiKeys,
    @DefaultValue Jwt jwt,
    @DefaultValue("true") boolean metricsPublic) {

  public SecurityProperties {
    for (int i = 0; i < apiKeys.size(); i++) {
      apiKeys.get(i).check(i);
    }
  }

  /**
   * One API key: either the key itself or, preferred, its SHA-256 hash in hex.
   *
   * @param key the key as clients send it
   * @param keyHash lower- or upper-case hex SHA-256 of the key
   * @param role {@code viewer} or {@code operator}
   */
  public record ApiKey(String key, String keyHash, @DefaultValue("viewer") Role role) {

    void check(int index) {
      String property = "tracker.security.api-keys[" + index + "]";
      boolean hasKey = key != null && !key.isEmpty();
      boolean hasHash = keyHash != null && !keyHash.isEmpty();
      if (hasKey == hasHash) {
        throw new IllegalArgumentException(property + " needs exactly one of key or key-hash");
      }
      if (hasHash && !keyHash.toLowerCase(Locale.ROOT).matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException(property + ".key-hash must be 64 hex digits (a SHA-256 hash)");
      }
      if (hasKey && key.length() < 16) {
        throw new IllegalArgumentException(property + ".key must have at least 16 characters");
      }
    }

    /** Keys are secrets: never printed, even by accident. */
    @Override
    public String toString() {
      return "ApiKey[role=" + role + "]";
    }
  }

  /**
   * @param issuerUri OpenID issuer (its discovery document names the JWK set)
   * @param jwkSetUri the JWK set directly
   * @param rolesClaim the claim that lists the caller's roles ({@code viewer}, {@code operator})
   */
  public record Jwt(String issuerUri, String jwkSetUri, @DefaultValue("roles") String rolesClaim) {

    public boolean configured() {
      return (issuerUri != null && !issuerUri.isBlank()) || (jwkSetUri != null && !jwkSetUri.isBlank());
    }
  }
}
