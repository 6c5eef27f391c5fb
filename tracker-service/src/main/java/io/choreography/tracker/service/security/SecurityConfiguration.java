package io.choreography.tracker.service.security;

import io.choreography.tracker.service.api.ApiErrors;
import io.choreography.tracker.service.config.TrackerProperties;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Who may call what. Viewers read (every GET under /api, the live stream), operators also act (POST under /api).
 * Health, the UI's static files and, unless configured otherwise, the Prometheus metrics are open.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

  @Bean
  public ApiKeyStore apiKeyStore(SecurityProperties security, TrackerProperties tracker) {
    ApiKeyStore store = new ApiKeyStore(security.apiKeys());
    if (security.enabled() && store.isEmpty()) {
      if (tracker.local()) {
        // local mode is someone trying the tracker on their machine: they get in with the printed sign-in link
        store.add(generatedKey(), Role.OPERATOR);
      } else if (!security.jwt().configured()) {
        LOG.warn("tracker.security is on but no API key (tracker.security.api-keys) and no JWT issuer is "
            + "configured: every API call will be refused with 401");
      }
    }
    return store;
  }

  /** The sign-in link and the UI's address, printed once the tracker is ready. */
  @Bean
  public SignInBanner signInBanner(SecurityProperties security, ApiKeyStore keys,
      @Value("${tracker.ui.kibana-url:}") String kibanaUrl) {
    return new SignInBanner(security.enabled(), keys.generatedKey(), kibanaUrl, System.out);
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
  public SecurityWebFilterChain trackerSecurity(ServerHttpSecurity http, SecurityProperties security,
      ApiKeyStore keys, ApiErrors apiErrors) {
    // no cookies, no sessions: every call carries its own credentials
    http.csrf(c -> c.disable())
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .requestCache(r -> r.requestCache(NoOpServerRequestCache.getInstance()))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable());
    if (!security.enabled()) {
      LOG.warn("SECURITY IS OFF (tracker.security.enabled=false): anyone who reaches this port can read every "
          + "event and act on every incident");
      http.addFilterAt(ApiKeyAuthenticationFilter.trustingEveryone(), SecurityWebFiltersOrder.AUTHENTICATION)
          .authorizeExchange(a -> a.anyExchange().permitAll());
      return http.build();
    }
    JsonSecurityErrors errors = new JsonSecurityErrors(apiErrors);
    http.addFilterAt(new ApiKeyAuthenticationFilter(keys), SecurityWebFiltersOrder.AUTHENTICATION)
        .exceptionHandling(e -> e.authenticationEntryPoint(errors.unauthorized()).accessDeniedHandler(errors.forbidden()))
        .authorizeExchange(a -> {
          // open, but only the status for anonymous callers (management.endpoint.health.show-details)
          a.pathMatchers("/actuator/health", "/actuator/health/**").permitAll();
          if (security.metricsPublic()) {
            a.pathMatchers("/actuator/prometheus").permitAll();
          }
          a.pathMatchers("/actuator/**").hasRole(Role.VIEWER.name())
              .pathMatchers(HttpMethod.GET, "/api/**").hasRole(Role.VIEWER.name())
              .pathMatchers(HttpMethod.HEAD, "/api/**").hasRole(Role.VIEWER.name())
              // acknowledge, resolve and whatever else changes state
              .pathMatchers("/api/**").hasRole(Role.OPERATOR.name())
              // the UI's static files: the UI itself sends the key with its API calls
              .anyExchange().permitAll();
        });
    if (security.jwt().configured()) {
      ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
      http.oauth2ResourceServer(o -> o
          // a bearer token that is an API key was handled already; only other tokens are JWTs
          .bearerTokenConverter(exchange -> bearer.convert(exchange)
              .filter(t -> !(t instanceof BearerTokenAuthenticationToken token)
                  || keys.roleOf(token.getToken()).isEmpty()))
          .authenticationEntryPoint(errors.unauthorized())
          .accessDeniedHandler(errors.forbidden())
          .jwt(j -> j.jwtDecoder(jwtDecoder(security.jwt()))
              .jwtAuthenticationConverter(
                  new ReactiveJwtAuthenticationConverterAdapter(JwtRoles.converter(security.jwt().rolesClaim())))));
    }
    return http.build();
  }

  /**
   * The strict firewall, but for what ids need: a trace id may hold {@code / \ ; % .}, so its percent-encoded
   * path segment ({@code %2F %5C %3B %25 %2E}) must get through. Paths are matched segment by segment, decoded
   * only after matching, and no file is served from a path, so such a segment cannot reach anything else.
   */
  @Bean
  public ServerWebExchangeFirewall trackerFirewall() {
    StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
    firewall.setAllowUrlEncodedSlash(true);
    firewall.setAllowUrlEncodedDoubleSlash(true);
    firewall.setAllowUrlEncodedPercent(true);
    firewall.setAllowUrlEncodedPeriod(true);
    firewall.setAllowBackSlash(true);
    firewall.setAllowSemicolon(true);
    return firewall;
  }

  /** A request the firewall refuses answers 400 {@code {status, error, message}} like every other bad request. */
  @Bean
  public ServerExchangeRejectedHandler trackerRejectedRequests(ApiErrors apiErrors) {
    return new JsonSecurityErrors(apiErrors).rejected();
  }

  private static String generatedKey() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static ReactiveJwtDecoder jwtDecoder(SecurityProperties.Jwt jwt) {
    if (jwt.jwkSetUri() != null && !jwt.jwkSetUri().isBlank()) {
      return NimbusReactiveJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
    }
    return NimbusReactiveJwtDecoder.withIssuerLocation(jwt.issuerUri()).build();
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
