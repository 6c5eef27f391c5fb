package io.choreography.tracker.service.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * Local mode without the demo ({@code java -jar tracker-service.jar --tracker.local=true
 * --tracker.definitions=<dir>}) generates an API key and prints its sign-in link once; the key opens the API.
 */
class LocalModeSignInIT {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldPrintAKeyAndItsSignInLinkInLocalModeWithoutTheDemo() throws Exception {
    // given
    String definitions = TestDefinitions.orderFulfillment("");

    // when
    try (LocalRun run = LocalRun.start("sign-in", Map.of("tracker.definitions", definitions))) {
      Matcher signIn = run.awaitSignIn(Duration.ofMinutes(3));
      String key = signIn.group(3);
      String output = run.output();

      // then
      assertThat(signIn.group(1)).isEqualTo(run.url("/#key=" + key));
      assertThat(output).containsOnlyOnce(signIn.group(0)).contains("UI:       " + run.url(""))
          .doesNotContain("Kibana").doesNotContain("every API call will be refused").doesNotContain("demo:");
      assertThat(output.lines().filter(l -> l.contains(key)))
          .as("the key is printed in the banner only, never logged")
          .allSatisfy(l -> assertThat(l).matches("  Sign in:  open .*|            \\(the link carries .*"));
      HttpResponse<String> withKey = get(run.url("/api/processes"), key);
      assertThat(withKey.statusCode()).isEqualTo(200);
      assertThat(withKey.body()).contains("\"id\":\"order-fulfillment\"");
      assertThat(get(run.url("/api/processes"), null).statusCode()).isEqualTo(401);
    }
  }

  private HttpResponse<String> get(String url, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (key != null) {
      b.header("X-API-Key", key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
