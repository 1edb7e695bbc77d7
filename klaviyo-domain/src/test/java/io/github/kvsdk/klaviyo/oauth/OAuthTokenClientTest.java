package io.github.kvsdk.klaviyo.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class OAuthTokenClientTest {
  static final String SECRET = "client-secret-canary-9f8e7d";
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final OAuthServer klaviyo = new OAuthServer();
  private final FakeClock clock = new FakeClock();

  private OAuthTokenClient client() {
    server.setDispatcher(klaviyo);
    return OAuthTokenClient.builder()
        .credentials(OAuthClientCredentials.of("my-client", SECRET))
        .baseUrl(server.url("/"))
        .clock(clock)
        .build();
  }

  @Test
  void exchangesCodeWithBasicAuthAndFormBody() {
    OAuthTokens tokens = client().exchangeCode("the-code", VERIFIER, "https://example.com/cb");

    assertThat(tokens.accessToken()).isEqualTo("access-1");
    assertThat(tokens.refreshToken()).isEqualTo("refresh-1");
    assertThat(tokens.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    assertThat(tokens.scope()).isEqualTo("accounts:read");

    RecordedRequest request = klaviyo.tokenRequests.get(0);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString(("my-client:" + SECRET).getBytes(StandardCharsets.UTF_8)));
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(request.getBody().utf8()).isEqualTo("grant_type=authorization_code&code=the-code&code_verifier="
        + VERIFIER + "&redirect_uri=https%3A%2F%2Fexample.com%2Fcb");
  }

  @Test
  void refreshSendsRefreshGrantAndReturnsRotatedToken() {
    OAuthTokens tokens = client().refresh("old-refresh");
    assertThat(tokens.refreshToken()).isEqualTo("refresh-1");
    assertThat(klaviyo.tokenRequests.get(0).getBody().utf8())
        .isEqualTo("grant_type=refresh_token&refresh_token=old-refresh");
  }

  @Test
  void refreshKeepsOldRefreshTokenWhenNotRotated() {
    klaviyo.tokenResponse = n -> OAuthServer.tokenJson(n, false);
    assertThat(client().refresh("old-refresh").refreshToken()).isEqualTo("old-refresh");
  }

  @Test
  void invalidGrantRequiresReauthorization() {
    klaviyo.tokenResponse = n -> new MockResponse.Builder().code(400)
        .body("{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token expired\"}").build();
    assertThatThrownBy(() -> client().refresh("dead-refresh-token"))
        .isInstanceOf(ReauthorizationRequiredException.class)
        .hasMessageContaining("invalid_grant")
        .hasMessageNotContaining("dead-refresh-token")
        .hasMessageNotContaining(SECRET)
        .satisfies(e -> assertThat(((OAuthException) e).statusCode()).isEqualTo(400));
  }

  @Test
  void otherTokenErrorsAreTyped() {
    klaviyo.tokenResponse = n -> new MockResponse.Builder().code(401).body("{\"error\":\"invalid_client\"}").build();
    assertThatThrownBy(() -> client().exchangeCode("c", VERIFIER, "https://example.com/cb"))
        .isExactlyInstanceOf(OAuthException.class)
        .satisfies(e -> assertThat(((OAuthException) e).error()).isEqualTo("invalid_client"))
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void revokePostsTokenAndHint() {
    client().revoke("some-refresh", TokenTypeHint.REFRESH_TOKEN);
    RecordedRequest request = klaviyo.revokeRequests.get(0);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/oauth/revoke");
    assertThat(request.getHeaders().get("Authorization")).startsWith("Basic ");
    assertThat(request.getBody().utf8()).isEqualTo("token=some-refresh&token_type_hint=refresh_token");
  }

  @Test
  void inputsAreValidatedBeforeSending() {
    OAuthTokenClient client = client();
    assertThatThrownBy(() -> client.exchangeCode("", VERIFIER, "https://e.com")).hasMessageStartingWith("code: ");
    assertThatThrownBy(() -> client.exchangeCode("c", "short", "https://e.com")).hasMessageStartingWith("codeVerifier: ");
    assertThatThrownBy(() -> client.exchangeCode("c", VERIFIER, "nope")).hasMessageStartingWith("redirectUri: ");
    assertThatThrownBy(() -> client.refresh(null)).isInstanceOf(ReauthorizationRequiredException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void credentialsAreValidatedAndRedacted() {
    OAuthClientCredentials credentials = OAuthClientCredentials.of("id", SECRET);
    assertThat(credentials.toString()).doesNotContain(SECRET).contains("id");
    assertThat(client().toString()).doesNotContain(SECRET);
    assertThatThrownBy(() -> OAuthClientCredentials.of("id", "has space"))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageStartingWith("clientSecret: ")
        .hasMessageNotContaining("has space");
    assertThatThrownBy(() -> OAuthTokenClient.builder().baseUrl("http://example.com"))
        .hasMessageStartingWith("baseUrl: ");
  }
}
