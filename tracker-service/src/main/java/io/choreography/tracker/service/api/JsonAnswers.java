package io.choreography.tracker.service.api;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.accept.HeaderContentTypeResolver;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.accept.RequestedContentTypeResolverBuilder;

/**
 * The API answers JSON (SPEC section 5), whatever the request's Accept header says: an answer, and above all an
 * error such as a 404, is not turned into a 406 because a caller asked for text/html. The live stream sets its
 * own media type; everything outside /api (the UI's files, actuator) negotiates as usual.
 */
@Configuration(proxyBeanMethods = false)
public class JsonAnswers implements WebFluxConfigurer {

  private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON);

  @Override
  public void configureContentTypeResolver(RequestedContentTypeResolverBuilder builder) {
    HeaderContentTypeResolver byHeader = new HeaderContentTypeResolver();
    builder.resolver(exchange -> exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/api/")
        ? JSON : byHeader.resolveMediaTypes(exchange));
  }
}
