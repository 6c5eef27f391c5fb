package io.choreography.tracker.service.api.openapi;

import io.choreography.tracker.service.api.ApiError;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

/**
 * The OpenAPI 3.1 document of the HTTP API at {@code /v3/api-docs} (browsable at {@code /swagger-ui.html}), made
 * from the controllers and {@link ApiAnswers}. It is published without a key, like the UI's files: it describes
 * the API and holds no data; every call it describes needs the key as usual (the document names the schemes).
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

  static final String API_KEY = "apiKey";
  static final String BEARER = "bearer";
  static final String ERROR = "ApiError";

  /** The errors every API call may answer, and what they mean here. */
  private static final Map<String, String> ERRORS = errors();

  private static Map<String, String> errors() {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("400", "a bad parameter");
    e.put("401", "no valid API key or token");
    e.put("403", "a key or token without the role the call needs (viewer reads, operator acts)");
    e.put("404", "an unknown id or path");
    e.put("500", "the tracker failed (its log says why; the answer never holds a stack trace)");
    e.put("503", "the tracker cannot answer now (Elasticsearch or Kafka unavailable, too many calls waiting)");
    return e;
  }

  @Bean
  public OpenAPI trackerOpenApi() {
    return new OpenAPI()
        .info(new Info().title("Choreography tracker API")
            .version(OpenApiConfiguration.class.getPackage().getImplementationVersion() == null ? "development"
                : OpenApiConfiguration.class.getPackage().getImplementationVersion())
            .description("Process instances, incidents and traces of the business events the tracker reads from "
                + "Kafka. JSON, times ISO-8601 UTC. Errors are {status, error, message}. Every call under /api "
                + "needs an API key (X-API-Key or Authorization: Bearer) or, where configured, a JWT."))
        .components(new Components()
            .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-API-Key").description("an API key (tracker.security.api-keys)"))
            .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("an API key, or a JWT where tracker.security.jwt is configured")));
  }

  @Bean
  WebFilter openApiRequestsOffEventLoop() {
    return new OpenApiRequestsOffEventLoop();
  }

  /** Adds the error answers and the security requirement to every API call; health and metrics stay open. */
  @Bean
  public OpenApiCustomizer trackerErrorsAndSecurity() {
    return openApi -> {
      Schema<?> error = ModelConverters.getInstance(true).readAllAsResolvedSchema(ApiError.class).schema
          .description("The body of every error answer");
      openApi.getComponents().addSchemas(ERROR, error);
      if (openApi.getPaths() == null) {
        return;
      }
      openApi.getPaths().forEach((path, item) -> {
        for (Operation op : operations(item)) {
          if (path.startsWith("/api/")) {
            op.setSecurity(List.of(new SecurityRequirement().addList(API_KEY), new SecurityRequirement().addList(BEARER)));
            ERRORS.forEach((status, meaning) -> {
              if (!status.equals("404") || path.contains("{")) {
                addError(op, status, meaning);
              }
            });
            // errors an operation names itself (e.g. 409) have the same body
            if (op.getResponses() != null) {
              List.copyOf(op.getResponses().keySet()).stream().filter(s -> s.startsWith("4") || s.startsWith("5"))
                  .forEach(s -> addError(op, s, "an error"));
            }
          } else {
            op.setSecurity(List.of());
          }
        }
      });
    };
  }

  static void addError(Operation op, String status, String meaning) {
    if (op.getResponses() == null) {
      op.setResponses(new ApiResponses());
    }
    ApiResponse existing = op.getResponses().get(status);
    // an error the operation names itself gets the error body too: springdoc would give it the success's
    String description = existing != null && existing.getDescription() != null ? existing.getDescription() : meaning;
    op.getResponses().addApiResponse(status, new ApiResponse().description(description)
        .content(new Content().addMediaType("application/json",
            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR)))));
  }

  private static List<Operation> operations(PathItem item) {
    return item.readOperations();
  }
}
