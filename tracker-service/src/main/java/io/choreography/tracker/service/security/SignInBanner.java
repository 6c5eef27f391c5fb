package io.choreography.tracker.service.security;

import java.io.PrintStream;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * What the person who started the tracker needs first, printed once when it is ready: the UI's address and, for a
 * local run, the sign-in link that carries the generated API key (the UI takes the key from the link's fragment,
 * which browsers never send to a server). To the console only, never to the log: the key is a secret.
 */
public final class SignInBanner implements ApplicationListener<ApplicationReadyEvent> {

  private final boolean securityEnabled;
  private final String generatedKey;
  private final String kibanaUrl;
  private final PrintStream console;

  /**
   * @param generatedKey the key generated for this local run, or null
   * @param kibanaUrl where Kibana runs with the tracker's dashboards (empty where it does not)
   */
  public SignInBanner(boolean securityEnabled, String generatedKey, String kibanaUrl, PrintStream console) {
    this.securityEnabled = securityEnabled;
    this.generatedKey = generatedKey;
    this.kibanaUrl = kibanaUrl == null ? "" : kibanaUrl.strip();
    this.console = console;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
    console.print(text("http://localhost:" + port));
  }

  /** The banner for a UI at this address. */
  String text(String ui) {
    StringBuilder b = new StringBuilder("\n");
    b.append("  Choreography tracker is ready.\n");
    if (generatedKey != null) {
      b.append("  Sign in:  open ").append(signInLink(ui, generatedKey)).append('\n');
      b.append("            (the link carries this run's API key, viewer and operator; for curl: -H \"X-API-Key: ")
          .append(generatedKey).append("\"; a new key at every start unless tracker.security.api-keys is set)\n");
    } else if (securityEnabled) {
      b.append("  Sign in:  open ").append(signInLink(ui, "<your API key>")).append(" (or use the UI's Key button)\n");
    }
    b.append("  UI:       ").append(ui).append('\n');
    if (!kibanaUrl.isEmpty()) {
      b.append("  Kibana:   ").append(kibanaUrl).append(" (dashboards \"Choreography tracker: processes\" and \"on call\")\n");
    }
    return b.append('\n').toString();
  }

  static String signInLink(String ui, String key) {
    return ui + "/#key=" + key;
  }

  @Override
  public String toString() {
    return "SignInBanner"; // never the key
  }
}
