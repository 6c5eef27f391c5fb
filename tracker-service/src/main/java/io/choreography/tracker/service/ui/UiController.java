package io.choreography.tracker.service.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Serves the web UI (static files from the dashboards module) for every page path, so that links such as
 * {@code /traces/4711} can be opened directly; and the few settings the UI needs.
 */
@Controller
public class UiController {

  private final String tracingUrlTemplate;

  public UiController(@Value("${tracker.ui.tracing-url-template:}") String tracingUrlTemplate) {
    this.tracingUrlTemplate = tracingUrlTemplate;
  }

  @GetMapping({"/processes/{id}", "/traces", "/traces/{id}", "/incidents"})
  public String page() {
    return "forward:/index.html";
  }

  /** {@code tracingUrlTemplate}: e.g. {@code https://jaeger.example/trace/{traceId}}; empty hides the link. */
  @GetMapping("/api/ui/config")
  @ResponseBody
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("tracingUrlTemplate", tracingUrlTemplate.isBlank() ? null : tracingUrlTemplate);
    return config;
  }
}
