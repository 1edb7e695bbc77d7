package io.github.kvsdk.klaviyo.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PkceTest {
  @Test
  void challengeIsBase64UrlSha256OfVerifier() {
    // RFC 7636 appendix B test vector.
    Pkce pkce = Pkce.fromVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    assertThat(pkce.challenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    assertThat(pkce.method()).isEqualTo("S256");
  }

  @Test
  void generatedVerifiersAreValidAndUnique() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      Pkce pkce = Pkce.generate();
      assertThat(pkce.verifier()).matches(Pkce.VERIFIER).hasSize(86);
      assertThat(seen.add(pkce.verifier())).isTrue();
    }
  }

  @Test
  void verifierLengthAndAlphabetAreEnforced() {
    assertThat(Pkce.fromVerifier("a".repeat(43)).verifier()).hasSize(43);
    assertThat(Pkce.fromVerifier("A-._~".repeat(25) + "abc").verifier()).hasSize(128);
    for (String bad : new String[] {"a".repeat(42), "a".repeat(129), "a".repeat(42) + "+", "a".repeat(42) + "=", null}) {
      assertThatThrownBy(() -> Pkce.fromVerifier(bad))
          .isInstanceOf(KlaviyoValidationException.class)
          .hasMessageStartingWith("codeVerifier: 43 to 128".substring(0, 14));
    }
  }

  @Test
  void toStringHidesVerifier() {
    Pkce pkce = Pkce.generate();
    assertThat(pkce.toString()).doesNotContain(pkce.verifier()).contains(pkce.challenge());
  }
}
