package io.choreography.tracker.service.security;

import io.choreography.tracker.service.config.TrackerProperties;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. Viewers read (every GET under /api, the live stream), operators also act (POST under /api).
 * Health, the UI's static files and, unless configured otherwise, the Prometheus metrics are open.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

  @Bean
  public ApiKeyStore apiKeyStore(SecurityProperties security, TrackerProperties tracker) {
    ApiKeyStore store = new ApiKeyStore(security.apiKeys());
    if (security.enabled() && store.isEmpty() && !security.jwt().configured()) {
      if (tracker.local() && tracker.demo()) {
        store.add(generatedKey(), Role.OPERATOR);
      } else {
        LOG.warn("tracker.security is on but no API key (tracker.security.api-keys) and no JWT issuer is "
            + "configured: every API call will be refused with 401");
      }
    }
    return store;
  }

  /** What a curl command needs to pass security, for the demo's hints. */
  @Bean
  public ApiKeyHint apiKeyHint(SecurityProperties security, ApiKeyStore keys) {
    if (!security.enabled()) {
      return new ApiKeyHint("");
    }
    String key = keys.generatedKey();
    return new ApiKeyHint("-H \"X-API-Key: " + (key != null ? key : "<your key>") + "\" ");
  }

  @Bean
  public SecurityFilterChain trackerSecurity(HttpSecurity http, SecurityProperties security, ApiKeyStore keys,
      JsonMapper json) throws Exception {
    http.csrf(c -> c.disable()) // no cookies, no sessions: every call carries its own credentials
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(r -> r.disable());
    if (!security.enabled()) {
      LOG.warn("SECURITY IS OFF (tracker.security.enabled=false): anyone who reaches this port can read every "
          + "event and act on every incident");
      http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
      return http.build();
    }
    JsonSecurityErrors errors = new JsonSecurityErrors(json);
    http.addFilterBefore(new ApiKeyAuthenticationFilter(keys), AnonymousAuthenticationFilter.class)
        .exceptionHandling(e -> e.authenticationEntryPoint(errors.unauthorized()).accessDeniedHandler(errors.forbidden()))
        .authorizeHttpRequests(a -> {
          a.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
          if (security.metricsPublic()) {
            a.requestMatchers("/actuator/prometheus").permitAll();
          }
          a.requestMatchers("/actuator/**").hasRole(Role.VIEWER.name())
              .requestMatchers(HttpMethod.GET, "/api/**").hasRole(Role.VIEWER.name())
              .requestMatchers(HttpMethod.HEAD, "/api/**").hasRole(Role.VIEWER.name())
              // acknowledge, resolve and whatever else changes state
              .requestMatchers("/api/**").hasRole(Role.OPERATOR.name())
              // the UI's static files and the error page: the UI itself sends the key with its API calls
              .anyRequest().permitAll();
        });
    if (security.jwt().configured()) {
      DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
      http.oauth2ResourceServer(o -> o
          // a bearer token that is an API key was handled already; only other tokens are JWTs
          .bearerTokenResolver(request -> {
            String token = bearer.resolve(request);
            return token == null || keys.roleOf(token).isPresent() ? null : token;
          })
          .authenticationEntryPoint(errors.unauthorized())
          .accessDeniedHandler(errors.forbidden())
          .jwt(j -> j.decoder(jwtDecoder(security.jwt()))
              .jwtAuthenticationConverter(JwtRoles.converter(security.jwt().rolesClaim()))));
    }
    return http.build();
  }

  private static String generatedKey() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    String key = HexFormat.of().formatHex(bytes);
    // printed once, on purpose, to the console only: it is how the person who started the demo gets in
    System.out.println("API key for this local run: " + key + " (viewer and operator; send it as X-API-Key; "
        + "a new one at every start unless tracker.security.api-keys is set)");
    return key;
  }

  private static JwtDecoder jwtDecoder(SecurityProperties.Jwt jwt) {
    if (jwt.jwkSetUri() != null && !jwt.jwkSetUri().isBlank()) {
      return NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
    }
    return NimbusJwtDecoder.withIssuerLocation(jwt.issuerUri()).build();
  }

  /** Keys never show in /actuator/env or /actuator/configprops, whatever their exposure settings. */
  @Bean
  public SanitizingFunction apiKeySanitizer() {
    return data -> {
      String key = data.getKey().toLowerCase();
      return key.contains("api-keys") || key.contains("apikeys") || key.contains("api_keys")
          ? data.withValue(SanitizableData.SANITIZED_VALUE) : data;
    };
  }
}
