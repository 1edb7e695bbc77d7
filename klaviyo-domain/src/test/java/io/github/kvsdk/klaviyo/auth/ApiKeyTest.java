package io.github.kvsdk.klaviyo.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import org.junit.jupiter.api.Test;

class ApiKeyTest {
  @Test
  void acceptsPrivateKey() {
    assertThat(ApiKey.of(TestKeys.API_KEY).headerValue()).isEqualTo("Klaviyo-API-Key " + TestKeys.API_KEY);
  }

  @Test
  void rejectsPublicSiteIdWithExplanation() {
    assertThatThrownBy(() -> ApiKey.of("AbC123"))
        .isInstanceOf(KlaviyoValidationException.class)
        .hasMessageStartingWith("apiKey: ")
        .hasMessageContaining("public API key")
        .hasMessageContaining("/client")
        .hasMessageContaining("company_id")
        .hasMessageNotContaining("AbC123");
  }

  @Test
  void rejectsKeysWithoutPrivatePrefix() {
    assertThatThrownBy(() -> ApiKey.of("sk_0123456789abcdef0123456789abcdef01"))
        .isInstanceOf(KlaviyoValidationException.class)
        .hasMessageContaining("must be a private API key starting with pk_")
        .hasMessageNotContaining("0123456789abcdef");
  }

  @Test
  void rejectsImplausibleLengthsAndCharacters() {
    for (String bad : new String[] {"pk_", "pk_short", "pk_" + "a".repeat(200), "pk_0123456789abcdef 0123"}) {
      assertThatThrownBy(() -> ApiKey.of(bad)).as(bad).isInstanceOf(KlaviyoValidationException.class);
    }
  }

  @Test
  void rejectsMissingAndPaddedKeys() {
    assertThatThrownBy(() -> ApiKey.of(null)).hasMessageContaining("is required");
    assertThatThrownBy(() -> ApiKey.of("  ")).hasMessageContaining("is required");
    assertThatThrownBy(() -> ApiKey.of(" " + TestKeys.API_KEY)).hasMessageContaining("whitespace");
  }

  @Test
  void neverPrintsTheKey() {
    ApiKey key = ApiKey.of(TestKeys.API_KEY);
    assertThat(key.toString()).isEqualTo("ApiKey[pk_***]");
    assertThat(new ApiKeyInterceptor(key).toString()).doesNotContain(TestKeys.API_KEY);
    assertThat(key).isEqualTo(ApiKey.of(TestKeys.API_KEY)).isNotEqualTo(ApiKey.of(TestKeys.API_KEY + "2"));
  }

  @Test
  void clientBuilderRejectsPublicKey() {
    assertThatThrownBy(() -> KlaviyoClient.builder().apiKey("XyZ789"))
        .isInstanceOf(KlaviyoValidationException.class)
        .extracting(e -> ((KlaviyoValidationException) e).field())
        .isEqualTo("apiKey");
  }
}
