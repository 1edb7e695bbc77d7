package io.github.kvsdk.klaviyo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.errors.AuthenticationException;
import io.github.kvsdk.klaviyo.oauth.InMemoryTokenStore;
import io.github.kvsdk.klaviyo.oauth.OAuthClientCredentials;
import io.github.kvsdk.klaviyo.oauth.OAuthSession;
import io.github.kvsdk.klaviyo.oauth.OAuthTokenClient;
import io.github.kvsdk.klaviyo.oauth.Pkce;
import io.github.kvsdk.klaviyo.oauth.ReauthorizationRequiredException;
import io.github.kvsdk.klaviyo.raw.RawRequest;
import io.github.kvsdk.klaviyo.raw.RawResponse;
import io.github.kvsdk.klaviyo.retry.RetryPolicy;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.faults.Fault;
import io.github.kvsdk.klaviyo.testing.FakeClock;
import io.github.kvsdk.klaviyo.testing.RecordingSleeper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport against the local Klaviyo emulator: real routing, auth, faults, OAuth and rate limits. */
@Tag("sandbox") // runs against the sandbox; CI runs these for the pinned revision only
class SandboxEndToEndTest {
  private KlaviyoSandbox sandbox;

  @BeforeEach
  void start() {
    sandbox = KlaviyoSandbox.start();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private KlaviyoClient.Builder client() {
    return KlaviyoClient.builder().apiKey(sandbox.defaultApiKey()).baseUrl(sandbox.baseUrl());
  }

  @Test
  void rawRequestsReachTheApi() {
    KlaviyoClient client = client().build();
    RawResponse accounts = client.raw().send(RawRequest.get("/api/accounts"));
    assertThat(accounts.statusCode()).isEqualTo(200);
    assertThat(((Map<?, ?>) accounts.json()).get("data")).isInstanceOf(List.class);

    RawResponse created = client.raw().send(RawRequest.builder().url("/profiles").method("POST")
        .jsonBody(Map.of("data", Map.of("type", "profile", "attributes", Map.of("email", "e2e@example.com"))))
        .build());
    assertThat(created.statusCode()).isEqualTo(201);

    RawResponse page = client.raw().send(RawRequest.get("/profiles?page[size]=20"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat((List<?>) ((Map<?, ?>) page.json()).get("data")).hasSize(1);
    assertThat(page.headers().get("Content-Type")).contains("json");
  }

  @Test
  void unknownKeyIsAnAuthenticationError() {
    KlaviyoClient client = client().apiKey("pk_" + "0".repeat(34)).build();
    assertThatThrownBy(() -> client.raw().send(RawRequest.builder().url("/api/accounts").throwOnError(true).build()))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageStartingWith("HTTP 401 GET /api/accounts");
  }

  @Test
  void gatewayFaultsOnReadsAreRetried() throws Exception {
    sandbox.faults().add(Fault.status(503).path("/api/accounts").times(2));
    FakeClock clock = new FakeClock();
    RecordingSleeper sleeper = new RecordingSleeper(clock);
    KlaviyoClient client = client().rateLimiting(false)
        .retryPolicy(RetryPolicy.builder().sleeper(sleeper).clock(clock).build()).build();
    try (okhttp3.Response response = client.httpClient().newCall(
        new okhttp3.Request.Builder().url(client.baseUrl().resolve("/api/accounts")).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(sleeper.sleeps()).hasSize(2);
  }

  @Test
  void busyConcurrentClientStaysUnderTheSandboxRateLimits() throws Exception {
    sandbox.rateLimits(true);
    KlaviyoClient client = client().retryPolicy(RetryPolicy.none()).build();
    // GET /api/profiles allows 75/s: 4 threads x 40 requests must be spread over three burst windows.
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          List<Integer> statuses = new ArrayList<>();
          for (int i = 0; i < 40; i++) statuses.add(client.raw().send(RawRequest.get("/api/profiles")).statusCode());
          return statuses;
        }));
      }
      for (Future<List<Integer>> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).hasSize(40).containsOnly(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(sandbox.requests().recent()).filteredOn(e -> e.status() == 429).isEmpty();
  }

  @Test
  void oauthFlowExchangeRefreshAndReauthorization() {
    String clientId = "e2e-client";
    String secret = "e2e-secret-value";
    String redirect = "https://example.com/callback";
    sandbox.oauth().registerClient(clientId, secret, redirect);
    Pkce pkce = Pkce.generate();
    String code = sandbox.oauth().issueAuthorizationCode(clientId, List.of("accounts:read", "profiles:read"),
        pkce.challenge(), redirect);

    OAuthSession session = OAuthSession.builder()
        .tokenClient(OAuthTokenClient.builder().credentials(OAuthClientCredentials.of(clientId, secret))
            .baseUrl(sandbox.baseUrl()).build())
        .tokenStore(new InMemoryTokenStore())
        .build();
    session.completeAuthorization(code, pkce.verifier(), redirect);
    KlaviyoClient client = KlaviyoClient.builder().oauth(session).baseUrl(sandbox.baseUrl()).rateLimiting(false)
        .build();
    assertThat(client.raw().send(RawRequest.get("/api/accounts")).statusCode()).isEqualTo(200);

    String before = session.tokens().orElseThrow().accessToken();
    sandbox.oauth().expireAccessTokens(); // The client still believes its token is good: 401, refresh, resend.
    assertThat(client.raw().send(RawRequest.get("/api/accounts")).statusCode()).isEqualTo(200);
    assertThat(session.tokens().orElseThrow().accessToken()).isNotEqualTo(before);

    sandbox.oauth().uninstall(clientId);
    assertThatThrownBy(() -> client.raw().send(RawRequest.get("/api/accounts")))
        .isInstanceOf(ReauthorizationRequiredException.class);
  }

  @Test
  void revokeEndsTheGrant() {
    String clientId = "e2e-revoke";
    sandbox.oauth().registerClient(clientId, "s3cret", null);
    Pkce pkce = Pkce.generate();
    String code = sandbox.oauth().issueAuthorizationCode(clientId, List.of("accounts:read"), pkce.challenge(), null);
    OAuthSession session = OAuthSession.builder()
        .tokenClient(OAuthTokenClient.builder().credentials(OAuthClientCredentials.of(clientId, "s3cret"))
            .baseUrl(sandbox.baseUrl()).build())
        .build();
    session.completeAuthorization(code, pkce.verifier(), "https://example.com/cb");
    int live = sandbox.oauth().liveRefreshTokens();
    session.revoke();
    assertThat(sandbox.oauth().liveRefreshTokens()).isEqualTo(live - 1);
    assertThat(session.tokens()).isEmpty();
  }
}
