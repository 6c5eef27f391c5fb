package io.choreography.tracker.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** What the tracker prints once it is ready: the sign-in link of a local run, the UI, Kibana where it runs. */
class SignInBannerTest {

  private static final String UI = "http://localhost:8080";
  private static final String KEY = "3f1c0a";

  @Test
  void shouldPrintTheSignInLinkWithTheGeneratedKeyOnceAndNoKibanaWhereItDoesNotRun() {
    // when
    String text = new SignInBanner(true, KEY, "", new PrintStream(new ByteArrayOutputStream())).text(UI);

    // then
    assertThat(text).containsOnlyOnce("open http://localhost:8080/#key=3f1c0a").contains("UI:       " + UI)
        .contains("X-API-Key: 3f1c0a").doesNotContain("Kibana");
  }

  @Test
  void shouldNameKibanaWhereItRunsAndNeverAConfiguredKey() {
    // when
    String text = new SignInBanner(true, null, "http://localhost:5601", System.out).text(UI);

    // then
    assertThat(text).contains("open http://localhost:8080/#key=<your API key>").contains("Kibana:   http://localhost:5601");
  }

  @Test
  void shouldNotAskToSignInWhenSecurityIsOff() {
    // when
    String text = new SignInBanner(false, null, "", System.out).text(UI);

    // then
    assertThat(text).doesNotContain("Sign in").contains("UI:       " + UI);
  }
}
