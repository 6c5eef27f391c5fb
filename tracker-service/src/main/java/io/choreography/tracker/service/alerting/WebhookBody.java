package io.choreography.tracker.service.alerting;

import io.choreography.tracker.model.Incident;
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

  /**
   * E.g. "STUCK incident opened: waiting 12m for payment-received ... (process order-fulfillment, trace 4bf9...)".
   * Every value taken from the incident is escaped, so that an id or a payload value quoted in a message can neither
   * ping ({@code <!channel>}) nor show a disguised link ({@code <https://...|text>}).
   */
  static String slackText(IncidentEvent event) {
    String what = switch (event.type()) {
      case IncidentEvent.OPENED -> "opened";
      case IncidentEvent.RESOLVED -> "resolved";
      default -> "updated";
    };
    StringBuilder text = new StringBuilder();
    Incident incident = event.incident();
    text.append(escaped(incident.type().name())).append(" incident ").append(what);
    String message = incident.message();
    if (message != null && !message.isBlank()) {
      text.append(": ").append(escaped(message));
    }
    text.append(" (process ").append(escaped(incident.process()));
    String traceId = incident.traceId();
    if (traceId != null) {
      text.append(", trace ").append(escaped(traceId));
    }
    String step = incident.step();
    if (step != null) {
      text.append(", step ").append(escaped(step));
    }
    return text.append(", incident ").append(escaped(event.incidentId())).append(')').toString();
  }

  /** The three characters Slack's message formatting gives a meaning, as Slack asks them to be escaped. */
  private static String escaped(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
