package io.github.kvsdk.klaviyo.sandbox.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.internal.json.Json;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OAuth token endpoint (PKCE S256, refresh rotation, Basic client auth), revocation and Bearer calls. */
final class OAuthTest {
  static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk0123456789";
  static final String REDIRECT = "https://app.example.com/callback";

  private KlaviyoSandbox sandbox;
  private final OkHttpClient client = new OkHttpClient();

  @BeforeEach
  void start() {
    sandbox = KlaviyoSandbox.start();
    sandbox.oauth().registerClient("client-1", "secret-1", REDIRECT);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private record Token(int status, Map<String, Object> body) {}

  @SuppressWarnings("unchecked")
  private Token post(String path, String clientId, String secret, Map<String, String> form) throws IOException {
    FormBody.Builder body = new FormBody.Builder();
    form.forEach(body::add);
    Request.Builder request = new Request.Builder().url(sandbox.baseUrl() + path).post(body.build());
    if (clientId != null) {
      request.header("Authorization", Credentials.basic(clientId, secret));
    }
    try (Response response = client.newCall(request.build()).execute()) {
      String text = response.body().string();
      return new Token(response.code(), (Map<String, Object>) Json.parse(text));
    }
  }

  private Token exchange(String code, String verifier) throws IOException {
    return post("/oauth/token", "client-1", "secret-1", Map.of("grant_type", "authorization_code", "code", code,
        "code_verifier", verifier, "redirect_uri", REDIRECT));
  }

  private String code(List<String> scopes) {
    return sandbox.oauth().issueAuthorizationCode("client-1", scopes, SandboxOAuth.s256(VERIFIER), REDIRECT);
  }

  @Test
  void authorizationCodeWithPkceGivesTokensThatWorkAsBearer() throws IOException {
    Token token = exchange(code(List.of("profiles:read", "accounts:read")), VERIFIER);

    assertThat(token.status()).isEqualTo(200);
    assertThat(token.body()).containsKeys("access_token", "refresh_token")
        .containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600L)
        .containsEntry("scope", "profiles:read accounts:read");
    SandboxHttp http = new SandboxHttp(sandbox).authorization("Bearer " + token.body().get("access_token"));
    assertThat(http.get("/api/accounts").status()).isEqualTo(200);
    assertThat(http.get("/api/profiles").status()).isEqualTo(200);
    assertThat(http.get("/api/lists").status()).isEqualTo(403);
  }

  @Test
  void wrongVerifierFailsTheCodeChallenge() throws IOException {
    Token token = exchange(code(List.of("profiles:read")), "x".repeat(43));
    assertThat(token.status()).isEqualTo(400);
    assertThat(token.body()).containsEntry("error", "invalid_grant")
        .containsEntry("error_description", "Code challenge failed.");
    Token shortVerifier = exchange(code(List.of("profiles:read")), "short");
    assertThat(shortVerifier.body()).containsEntry("error_description", "Invalid \"code_verifier\"");
  }

  @Test
  void codesAreSingleUse() throws IOException {
    String code = code(List.of("profiles:read"));
    assertThat(exchange(code, VERIFIER).status()).isEqualTo(200);
    Token again = exchange(code, VERIFIER);
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body()).containsEntry("error", "invalid_grant");
  }

  @Test
  void badClientCredentialsAreInvalidClient() throws IOException {
    Token token = post("/oauth/token", "client-1", "wrong", Map.of("grant_type", "refresh_token",
        "refresh_token", "x"));
    assertThat(token.status()).isEqualTo(401);
    assertThat(token.body()).containsEntry("error", "invalid_client");
    assertThat(post("/oauth/token", null, null, Map.of("grant_type", "refresh_token")).status()).isEqualTo(401);
  }

  @Test
  void refreshRotatesTheRefreshTokenAndRetiresTheOldOne() throws IOException {
    Token first = exchange(code(List.of("accounts:read")), VERIFIER);
    String refresh = (String) first.body().get("refresh_token");

    Token second = post("/oauth/token", "client-1", "secret-1",
        Map.of("grant_type", "refresh_token", "refresh_token", refresh));
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body().get("refresh_token")).isNotEqualTo(refresh);
    assertThat(second.body()).containsEntry("scope", "accounts:read");

    Token reused = post("/oauth/token", "client-1", "secret-1",
        Map.of("grant_type", "refresh_token", "refresh_token", refresh));
    assertThat(reused.status()).isEqualTo(400);
    assertThat(reused.body()).containsEntry("error", "invalid_grant");
  }

  @Test
  void expiredAccessTokensAre401AndRevokedRefreshTokensAreInvalidGrant() throws IOException {
    Token token = exchange(code(List.of("accounts:read")), VERIFIER);
    SandboxHttp http = new SandboxHttp(sandbox).authorization("Bearer " + token.body().get("access_token"));
    sandbox.oauth().expireAccessTokens();
    assertThat(http.get("/api/accounts").status()).isEqualTo(401);

    String refresh = (String) token.body().get("refresh_token");
    assertThat(post("/oauth/revoke", "client-1", "secret-1", Map.of("token", refresh, "token_type_hint",
        "refresh_token")).status()).isEqualTo(200);
    Token afterRevoke = post("/oauth/token", "client-1", "secret-1",
        Map.of("grant_type", "refresh_token", "refresh_token", refresh));
    assertThat(afterRevoke.status()).isEqualTo(400);
    assertThat(afterRevoke.body()).containsEntry("error", "invalid_grant");
    assertThat(sandbox.oauth().liveRefreshTokens()).isZero();
  }

  @Test
  void unsupportedGrantTypeIsRejected() throws IOException {
    Token token = post("/oauth/token", "client-1", "secret-1", Map.of("grant_type", "password"));
    assertThat(token.status()).isEqualTo(400);
    assertThat(token.body()).containsEntry("error", "unsupported_grant_type");
  }
}
