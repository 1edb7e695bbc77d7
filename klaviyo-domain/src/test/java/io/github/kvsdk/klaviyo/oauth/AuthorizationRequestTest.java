package io.github.kvsdk.klaviyo.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class AuthorizationRequestTest {
  @Test
  void buildsKlaviyoAuthorizeUrlWithPkce() {
    Pkce pkce = Pkce.fromVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    AuthorizationRequest request = AuthorizationRequest.builder()
        .clientId("client-123")
        .redirectUri("https://example.com/callback?app=1")
        .scopes("accounts:read", "profiles:write")
        .state("xyz-state")
        .pkce(pkce)
        .build();

    HttpUrl url = request.url();
    assertThat(url.scheme()).isEqualTo("https");
    assertThat(url.host()).isEqualTo("www.klaviyo.com");
    assertThat(url.encodedPath()).isEqualTo("/oauth/authorize");
    assertThat(url.queryParameter("response_type")).isEqualTo("code");
    assertThat(url.queryParameter("client_id")).isEqualTo("client-123");
    assertThat(url.queryParameter("redirect_uri")).isEqualTo("https://example.com/callback?app=1");
    assertThat(url.queryParameter("scope")).isEqualTo("accounts:read profiles:write");
    assertThat(url.queryParameter("state")).isEqualTo("xyz-state");
    assertThat(url.queryParameter("code_challenge_method")).isEqualTo("S256");
    assertThat(url.queryParameter("code_challenge")).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    assertThat(url.toString()).doesNotContain(pkce.verifier()).contains("scope=accounts%3Aread%20profiles%3Awrite");
    assertThat(request.state()).isEqualTo("xyz-state");
    assertThat(request.pkce()).isSameAs(pkce);
  }

  @Test
  void generatesStateAndPkceWhenAbsent() {
    AuthorizationRequest a = AuthorizationRequest.builder().clientId("c").redirectUri("http://localhost:8080/cb")
        .scopes("accounts:read").build();
    AuthorizationRequest b = AuthorizationRequest.builder().clientId("c").redirectUri("http://localhost:8080/cb")
        .scopes("accounts:read").build();
    assertThat(a.state()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(b.state());
    assertThat(a.pkce().verifier()).matches(Pkce.VERIFIER).isNotEqualTo(b.pkce().verifier());
    assertThat(a.url().queryParameter("code_challenge")).isEqualTo(a.pkce().challenge());
    assertThat(a.toString()).doesNotContain(a.pkce().verifier());
  }

  @Test
  void requiredInputsAreValidated() {
    assertThatThrownBy(() -> AuthorizationRequest.builder().redirectUri("https://e.com").scopes("a:read").build())
        .isInstanceOf(KlaviyoValidationException.class).hasMessageStartingWith("clientId: ");
    assertThatThrownBy(() -> AuthorizationRequest.builder().clientId("c").scopes("a:read").build())
        .hasMessageStartingWith("redirectUri: ");
    assertThatThrownBy(() -> AuthorizationRequest.builder().clientId("c").redirectUri("https://e.com").build())
        .hasMessageStartingWith("scopes: ");
    assertThatThrownBy(() -> AuthorizationRequest.builder().scopes("accounts:read profiles:read"))
        .hasMessageStartingWith("scopes: ");
    assertThatThrownBy(() -> AuthorizationRequest.builder().redirectUri("/relative"))
        .hasMessageStartingWith("redirectUri: ");
    assertThatThrownBy(() -> AuthorizationRequest.builder().authorizeUrl("http://evil.example/authorize"))
        .hasMessageStartingWith("authorizeUrl: ");
  }
}
