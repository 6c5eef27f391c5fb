package io.choreography.tracker.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyStoreTest {

  @Test
  void shouldFindTheRoleOfAKeyGivenInClearOrAsHash() {
    // given
    ApiKeyStore store = new ApiKeyStore(List.of(
        new SecurityProperties.ApiKey("viewer-key-0123456789", null, Role.VIEWER),
        new SecurityProperties.ApiKey(null, ApiKeyStore.sha256Hex("operator-key-0123456789"), Role.OPERATOR)));

    // when / then
    assertThat(store.roleOf("viewer-key-0123456789")).contains(Role.VIEWER);
    assertThat(store.roleOf("operator-key-0123456789")).contains(Role.OPERATOR);
    assertThat(store.roleOf("operator-key-012345678")).isEmpty();
    assertThat(store.roleOf(null)).isEmpty();
  }

  @Test
  void shouldRejectAKeyWithBothKeyAndHash() {
    // when / then
    assertThatThrownBy(() -> new SecurityProperties(true,
        List.of(new SecurityProperties.ApiKey("some-key-0123456789", ApiKeyStore.sha256Hex("x"), Role.VIEWER)),
        new SecurityProperties.Jwt(null, null, "roles"), true))
        .hasMessageContaining("tracker.security.api-keys[0] needs exactly one of key or key-hash");
  }

  @Test
  void shouldNeverPrintAKey() {
    // given
    SecurityProperties.ApiKey key = new SecurityProperties.ApiKey("secret-key-0123456789", null, Role.VIEWER);

    // when / then
    assertThat(key.toString()).doesNotContain("secret");
  }
}
