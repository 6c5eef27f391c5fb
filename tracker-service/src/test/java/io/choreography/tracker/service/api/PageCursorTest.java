package io.choreography.tracker.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PageCursorTest {

  @Test
  void shouldRoundTripAPositionThroughAUrlSafeCursor() {
    // given
    PageCursor.Position position = new PageCursor.Position(1_795_000_000_123L, "order/ä b+c?");

    // when
    String cursor = PageCursor.encode(position);

    // then
    assertThat(cursor).matches("[A-Za-z0-9_-]+");
    assertThat(PageCursor.decode(cursor)).isEqualTo(position);
  }

  @Test
  void shouldReadNoCursorAsTheFirstPage() {
    // given
    String none = "";

    // when
    PageCursor.Position position = PageCursor.decode(none);

    // then
    assertThat(position).isNull();
  }

  @Test
  void shouldRefuseCursorsItDidNotMake() {
    // given
    String notBase64 = "%%%";
    String notJson = Base64.getUrlEncoder().encodeToString("{oops".getBytes(StandardCharsets.UTF_8));
    String wrongShape = Base64.getUrlEncoder().encodeToString("[\"a\",1]".getBytes(StandardCharsets.UTF_8));
    String tooLong = "A".repeat(3000);

    // when / then
    for (String bad : new String[] {notBase64, notJson, wrongShape, tooLong}) {
      assertThatThrownBy(() -> PageCursor.decode(bad)).isInstanceOf(ApiException.class)
          .hasMessageStartingWith("cursor is not valid");
    }
  }

  @Test
  void shouldRefuseACursorWhoseTimeDoesNotFitSixtyFourBitsAsABadParameter() {
    // given
    String beyondLong = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("[123456789012345678901234567890,\"x\"]".getBytes(StandardCharsets.UTF_8));
    String beyondLongNegative = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("[-9223372036854775809,\"x\"]".getBytes(StandardCharsets.UTF_8));

    // when / then
    for (String bad : new String[] {beyondLong, beyondLongNegative}) {
      assertThatThrownBy(() -> PageCursor.decode(bad)).isInstanceOf(ApiException.class)
          .hasMessageStartingWith("cursor is not valid");
    }
  }
}
