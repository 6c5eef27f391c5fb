package io.choreography.tracker.service.alerting;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** What is POSTed to a webhook: the CloudEvent as is, or a Slack-compatible text message. */
final class WebhookBody {

  private WebhookBody() {}

  static String contentType(AlertingProperties.Format format) {
    return format == AlertingProperties.Format.JSON ? "application/cloudevents+json" : "application/json";
  }

  static byte[] of(AlertingProperties.Format format, IncidentEvent event, JsonMapper json) {
    if (format == AlertingProperties.Format.JSON) {
      return event.json();
    }
    return json.writeValueAsBytes(Map.of("text", slackText(event)));
  }

  /** E.g. "STUCK incident opened: waiting 12m for payment-received ... (process order-fulfillment, trace 4bf9...)". */
  static String slackText(IncidentEvent event) {
    String what = switch (event.type()) {
      case IncidentEvent.OPENED -> "opened";
      case IncidentEvent.RESOLVED -> "resolved";
      default -> "updated";
    };
    StringBuilder text = new StringBuilder();
    text.append(orElse(event.field("type"), "Incident")).append(" incident ").append(what);
    String message = event.field("message");
    if (message != null && !message.isBlank()) {
      text.append(": ").append(message);
    }
    text.append(" (process ").append(orElse(event.field("process"), "-"));
    String traceId = event.field("traceId");
    if (traceId != null) {
      text.append(", trace ").append(traceId);
    }
    String step = event.field("step");
    if (step != null) {
      text.append(", step ").append(step);
    }
    return text.append(", incident ").append(event.incidentId()).append(')').toString();
  }

  private static String orElse(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
