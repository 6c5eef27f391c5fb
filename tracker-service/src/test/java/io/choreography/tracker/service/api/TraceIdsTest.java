package io.choreography.tracker.service.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class TraceIdsTest {

  @Test
  void shouldAcceptOrdinaryTraceIdsIncludingQueryLikeCharacters() {
    assertThatCode(() -> TraceIds.validate("4bf92f3577b34da6a3ce929d0e0e4736")).doesNotThrowAnyException();
    assertThatCode(() -> TraceIds.validate("order:4711 OR *")).doesNotThrowAnyException();
  }

  @Test
  void shouldRejectBlankOverlongAndControlCharacterIdsAsBadRequests() {
    assertThatThrownBy(() -> TraceIds.validate(" ")).isInstanceOf(ApiException.class)
        .hasMessage("trace id must not be empty")
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((ApiException) e).status())
            .isEqualTo(HttpStatus.BAD_REQUEST));
    assertThatThrownBy(() -> TraceIds.validate("a".repeat(257)))
        .hasMessage("trace id must be at most 256 characters, but has 257");
    assertThatThrownBy(() -> TraceIds.validate("a\nb")).hasMessage("trace id must not contain control characters");
  }
}
