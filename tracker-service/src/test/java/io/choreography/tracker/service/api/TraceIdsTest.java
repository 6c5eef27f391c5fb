package io.choreography.tracker.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.choreography.tracker.rules.extract.IdLimits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class TraceIdsTest {

  @Test
  void shouldAcceptOrdinaryTraceIdsIncludingQueryLikeAndPathLikeCharacters() {
    for (String id : List.of("4bf92f3577b34da6a3ce929d0e0e4736", "order:4711 OR *", "a/b", "c\\d", "e;f", "g%h",
        "%2F", "..", "a".repeat(IdLimits.MAX_LENGTH))) {
      assertThatCode(() -> TraceIds.validate(id)).as(id).doesNotThrowAnyException();
    }
  }

  @Test
  void shouldRejectBlankOverlongAndControlCharacterIdsAsBadRequests() {
    assertThatThrownBy(() -> TraceIds.validate(" ")).isInstanceOf(ApiException.class)
        .hasMessageContaining("empty or blank")
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(HttpStatus.BAD_REQUEST));
    assertThatThrownBy(() -> TraceIds.validate("a".repeat(257)))
        .hasMessageContaining("at most 256 characters").hasMessageContaining("(257)");
    assertThatThrownBy(() -> TraceIds.validate("a\nb")).hasMessageContaining("control character");
    assertThatThrownBy(() -> TraceIds.validate(null)).isInstanceOf(ApiException.class);
  }

  @Test
  void shouldAcceptExactlyTheIdsTrackingAccepts() {
    // given: every single character, and ids around the length limit
    List<String> ids = new ArrayList<>();
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      ids.add(String.valueOf(c));
      ids.add("x" + c + "y");
    }
    ids.addAll(List.of("", "a".repeat(IdLimits.MAX_LENGTH - 1), "a".repeat(IdLimits.MAX_LENGTH),
        "a".repeat(IdLimits.MAX_LENGTH + 1), "\uD83D\uDE00".repeat(IdLimits.MAX_LENGTH / 2)));

    // when / then
    for (String id : ids) {
      boolean accepted;
      try {
        TraceIds.validate(id);
        accepted = true;
      } catch (ApiException e) {
        assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        accepted = false;
      }
      if (accepted != IdLimits.usable(id)) {
        assertThat(accepted).as("API accepts %s (code points %s) like tracking does", id,
            id.codePoints().boxed().toList()).isEqualTo(IdLimits.usable(id));
      }
    }
  }
}
