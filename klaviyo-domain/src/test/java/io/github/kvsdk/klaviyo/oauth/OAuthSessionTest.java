package io.github.kvsdk.klaviyo.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.raw.RawRequest;
import io.github.kvsdk.klaviyo.raw.RawResponse;
import io.github.kvsdk.klaviyo.testing.FakeClock;
import io.github.kvsdk.klaviyo.testing.LockWaits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class OAuthSessionTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final OAuthServer klaviyo = new OAuthServer();
  private final FakeClock clock = new FakeClock();

  private OAuthSession session(TokenStore store) {
    server.setDispatcher(klaviyo);
    return OAuthSession.builder()
        .tokenClient(OAuthTokenClient.builder()
            .credentials(OAuthClientCredentials.of("my-client", OAuthTokenClientTest.SECRET))
            .baseUrl(server.url("/"))
            .clock(clock)
            .build())
        .tokenStore(store)
        .clock(clock)
        .build();
  }

  private KlaviyoClient client(OAuthSession session) {
    return KlaviyoClient.builder().oauth(session).baseUrl(server.url("/")).rateLimiting(false).build();
  }

  private OAuthTokens tokens(String access, String refresh, Duration expiresIn) {
    return new OAuthTokens(access, refresh, clock.instant().plus(expiresIn), "accounts:read");
  }

  @Test
  void sendsBearerTokenFromTheStore() {
    klaviyo.acceptAccessToken("access-0");
    OAuthSession session = session(new InMemoryTokenStore(tokens("access-0", "refresh-0", Duration.ofHours(1))));
    RawResponse response = client(session).raw().send(RawRequest.get("/api/accounts"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(klaviyo.apiRequests.get(0).getHeaders().get("Authorization")).isEqualTo("Bearer access-0");
    assertThat(klaviyo.tokenCalls).hasValue(0);
  }

  @Test
  void completeAuthorizationExchangesAndStores() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    OAuthSession session = session(store);
    session.completeAuthorization("code", Pkce.generate().verifier(), "https://example.com/cb");
    assertThat(store.load()).map(OAuthTokens::accessToken).contains("access-1");
    assertThat(session.accessToken()).isEqualTo("access-1");
  }

  @Test
  void refreshesAheadOfExpiry() {
    InMemoryTokenStore store = new InMemoryTokenStore(tokens("access-0", "refresh-0", Duration.ofMinutes(5)));
    OAuthSession session = session(store);
    assertThat(session.accessToken()).isEqualTo("access-0");

    clock.advance(Duration.ofMinutes(4)); // 60 s left: inside the default skew.
    assertThat(session.accessToken()).isEqualTo("access-1");
    assertThat(klaviyo.tokenRequests.get(0).getBody().utf8()).contains("refresh_token=refresh-0");
    assertThat(store.load()).map(OAuthTokens::refreshToken).contains("refresh-1");

    clock.advance(Duration.ofMinutes(30));
    assertThat(session.accessToken()).isEqualTo("access-1");
    assertThat(klaviyo.tokenCalls).hasValue(1);
  }

  @Test
  void refreshSkewIsConfigurable() {
    server.setDispatcher(klaviyo);
    OAuthSession session = OAuthSession.builder()
        .tokenClient(OAuthTokenClient.builder().credentials(OAuthClientCredentials.of("c", "s"))
            .baseUrl(server.url("/")).clock(clock).build())
        .tokenStore(new InMemoryTokenStore(tokens("access-0", "refresh-0", Duration.ofMinutes(5))))
        .refreshSkew(Duration.ofMinutes(10))
        .clock(clock)
        .build();
    assertThat(session.accessToken()).isEqualTo("access-1");
    assertThatThrownBy(() -> OAuthSession.builder().refreshSkew(Duration.ofHours(1)))
        .hasMessageStartingWith("refreshSkew: ");
  }

  @Test
  void refreshesOnceOn401AndResends() {
    // The stored token is not expired, but Klaviyo no longer accepts it (e.g. revoked in the UI).
    OAuthSession session = session(new InMemoryTokenStore(tokens("access-0", "refresh-0", Duration.ofHours(1))));
    RawResponse response = client(session).raw().send(RawRequest.get("/api/accounts"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(klaviyo.tokenCalls).hasValue(1);
    assertThat(klaviyo.apiRequests).extracting(r -> r.getHeaders().get("Authorization"))
        .containsExactly("Bearer access-0", "Bearer access-1");
  }

  @Test
  void persistent401IsReturnedAfterOneRefresh() {
    klaviyo.tokenResponse = n -> new MockResponse.Builder().addHeader("Content-Type", "application/json")
        .body("{\"access_token\":\"still-bad-" + n + "\",\"expires_in\":3600}").build();
    OAuthSession session = session(new InMemoryTokenStore(tokens("access-0", "refresh-0", Duration.ofHours(1))));
    // The dispatcher accepts only access-N; "still-bad-N" keeps failing.
    klaviyo.validAccessTokens.clear();
    RawResponse response = client(session).raw().send(RawRequest.get("/api/accounts"));
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(klaviyo.tokenCalls).hasValue(1);
    assertThat(klaviyo.apiRequests).hasSize(2);
  }

  @Test
  void concurrentCallersWithAnExpiredTokenCauseExactlyOneRefresh() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    klaviyo.tokenRelease = release; // Hold the refresh open so every caller piles up behind it.
    OAuthSession session = session(new InMemoryTokenStore(tokens("access-0", "refresh-0", Duration.ofMinutes(-1))));
    KlaviyoClient client = client(session);
    int callers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(callers);
      List<Thread> callerThreads = new CopyOnWriteArrayList<>();
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        Callable<Integer> call = () -> {
          callerThreads.add(Thread.currentThread());
          start.await();
          return client.raw().send(RawRequest.get("/api/accounts")).statusCode();
        };
        results.add(pool.submit(call));
      }
      // Released once every other caller waits for the one refreshing, or a second refresh shows they do not.
      await("the other callers wait for the refreshing one").atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(5))
          .until(() -> klaviyo.tokenCalls.get() > 1
              || callerThreads.size() == callers && LockWaits.allButOneWaitForTheOther(callerThreads));
      release.countDown();
      for (Future<Integer> result : results) assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo(200);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    assertThat(klaviyo.tokenCalls).hasValue(1);
    assertThat(klaviyo.apiRequests).hasSize(callers)
        .allSatisfy(r -> assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer access-1"));
  }

  @Test
  void rotatedRefreshTokenIsSavedBeforeItIsUsed() {
    List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    InMemoryTokenStore delegate = new InMemoryTokenStore(tokens("access-0", "refresh-0", Duration.ofMinutes(-1)));
    TokenStore recording = new TokenStore() {
      @Override
      public Optional<OAuthTokens> load() {
        return delegate.load();
      }

      @Override
      public void save(OAuthTokens tokens) {
        events.add("save " + tokens.refreshToken() + " after " + klaviyo.apiRequests.size() + " api calls");
        delegate.save(tokens);
      }

      @Override
      public void clear() {
        delegate.clear();
      }
    };
    OAuthSession session = session(recording);
    client(session).raw().send(RawRequest.get("/api/accounts"));
    clock.advance(Duration.ofHours(2));
    client(session).raw().send(RawRequest.get("/api/accounts"));

    assertThat(events).containsExactly("save refresh-1 after 0 api calls", "save refresh-2 after 1 api calls");
    // The second refresh used the rotated token, read back from where it was saved.
    assertThat(klaviyo.tokenRequests.get(1).getBody().utf8()).contains("refresh_token=refresh-1");
  }

  @Test
  void failedSaveMeansTheNewTokensAreNotUsed() {
    TokenStore failing = new TokenStore() {
      @Override
      public Optional<OAuthTokens> load() {
        return Optional.of(tokens("access-0", "refresh-0", Duration.ofMinutes(-1)));
      }

      @Override
      public void save(OAuthTokens tokens) {
        throw new TokenStoreException("disk full", null);
      }

      @Override
      public void clear() {}
    };
    OAuthSession session = session(failing);
    assertThatThrownBy(() -> client(session).raw().send(RawRequest.get("/api/accounts")))
        .isInstanceOf(TokenStoreException.class);
    assertThat(klaviyo.apiRequests).isEmpty();
  }

  @Test
  void invalidGrantSurfacesAsReauthorizationRequired() {
    klaviyo.tokenResponse = n -> new MockResponse.Builder().code(400).body("{\"error\":\"invalid_grant\"}").build();
    OAuthSession session = session(new InMemoryTokenStore(tokens("access-0", "refresh-0", Duration.ofMinutes(-1))));
    KlaviyoClient client = client(session);
    assertThatThrownBy(() -> client.raw().send(RawRequest.get("/api/accounts")))
        .isInstanceOf(ReauthorizationRequiredException.class);
    CompletableFuture<RawResponse> async = client.raw().sendAsync(RawRequest.get("/api/accounts"));
    assertThatThrownBy(() -> async.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ReauthorizationRequiredException.class);
    assertThat(klaviyo.apiRequests).isEmpty();
  }

  @Test
  void missingTokensRequireAuthorization() {
    OAuthSession session = session(new InMemoryTokenStore());
    assertThatThrownBy(session::accessToken).isInstanceOf(ReauthorizationRequiredException.class)
        .hasMessageContaining("authorization flow");
  }

  @Test
  void revokeRevokesRefreshTokenAndClearsStore() {
    InMemoryTokenStore store = new InMemoryTokenStore(tokens("access-0", "refresh-0", Duration.ofHours(1)));
    OAuthSession session = session(store);
    session.revoke();
    assertThat(klaviyo.revokeRequests.get(0).getBody().utf8())
        .isEqualTo("token=refresh-0&token_type_hint=refresh_token");
    assertThat(store.load()).isEmpty();
    assertThatThrownBy(session::accessToken).isInstanceOf(ReauthorizationRequiredException.class);
  }

  @Test
  void excludedAuthorizationSendsNoBearer() {
    OAuthSession session = session(new InMemoryTokenStore(tokens("access-0", "refresh-0", Duration.ofHours(1))));
    client(session).raw().send(RawRequest.builder().url("/client/profiles?company_id=AbC123")
        .method("POST").jsonBody("{}").excludeAuthorization(true).build());
    assertThat(klaviyo.apiRequests.get(0).getHeaders().get("Authorization")).isNull();
    assertThat(klaviyo.tokenCalls).hasValue(0);
  }

  @Test
  void tokensToStringIsRedacted() {
    OAuthTokens tokens = new OAuthTokens("secret-access", "secret-refresh", Instant.EPOCH, "a:read");
    assertThat(tokens.toString()).doesNotContain("secret-access").doesNotContain("secret-refresh");
  }
}
