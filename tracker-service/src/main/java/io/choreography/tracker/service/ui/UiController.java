package io.choreography.tracker.service.ui;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.choreography.tracker.service.api.openapi.ApiAnswers;
import io.swagger.v3.oas.annotations.Hidden;
import io.choreography.tracker.service.api.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Serves the web UI (static files from the dashboards module, see {@link UiFiles}): index.html for every page
 * path, so that links such as {@code /traces/4711} (or {@code /traces/a%2Fb} for the id {@code a/b}) can be opened
 * directly; the assets; and the few settings the UI needs.
 */
@RestController
public class UiController {

  private final String tracingUrlTemplate;
  private final UiFiles files = new UiFiles();

  public UiController(@Value("${tracker.ui.tracing-url-template:}") String tracingUrlTemplate) {
    this.tracingUrlTemplate = tracingUrlTemplate;
  }

  @Hidden
  @GetMapping({"/", "/index.html", "/processes/{id}", "/traces", "/traces/", "/traces/{id}", "/incidents",
      "/incidents/"})
  public ResponseEntity<byte[]> page(ServerWebExchange exchange) {
    return serve("index.html", exchange);
  }

  @Hidden
  @GetMapping("/assets/{*path}")
  public ResponseEntity<byte[]> asset(@PathVariable String path, ServerWebExchange exchange) {
    return serve("assets" + path, exchange);
  }

  /** {@code tracingUrlTemplate}: e.g. {@code https://jaeger.example/trace/{traceId}}; empty hides the link. */
  @GetMapping("/api/ui/config")
  @Operation(summary = "The few settings the web UI needs (extension)")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiAnswers.UiConfig.class)))
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("tracingUrlTemplate", tracingUrlTemplate.isBlank() ? null : tracingUrlTemplate);
    return config;
  }

  private ResponseEntity<byte[]> serve(String name, ServerWebExchange exchange) {
    UiFiles.File file = files.get(name);
    if (file == null) {
      throw ApiException.notFound("no such path: GET /" + name);
    }
    if (exchange.checkNotModified(file.etag())) {
      return ResponseEntity.status(304).eTag(file.etag()).build();
    }
    // no Cache-Control of its own: the security headers say no-store, as for every answer, so the browser keeps
    // no left page (and its open live stream) in its back-forward cache
    return ResponseEntity.ok().contentType(file.type()).eTag(file.etag())
        .body(file.content());
  }
}
