package io.github.kvsdk.klaviyo.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.kvsdk.klaviyo.testing.FakeClock;
import io.github.kvsdk.klaviyo.testing.LockWaits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OAuth sessions that survive faults: several sessions (as in several processes) on one {@link FileTokenStore}
 * against a token endpoint that rotates refresh tokens and retires the old one, lost token responses, and the
 * redirect URI sent exactly as given.
 */
class SharedTokenStoreTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  @TempDir Path dir;
  private final FakeClock clock = new FakeClock();
  private final RotatingTokenEndpoint klaviyo = new RotatingTokenEndpoint();

  /** Issues access-N/refresh-N for the one valid refresh token and retires it; anything else is invalid_grant. */
  static final class RotatingTokenEndpoint extends Dispatcher {
    final AtomicInteger issued = new AtomicInteger();
    final List<String> refreshTokensSent = new CopyOnWriteArrayList<>();
    final List<String> redirectUrisSent = new CopyOnWriteArrayList<>();
    volatile String validRefreshToken = "refresh-0";
    /** While set, each refresh waits for it before answering, so the test decides when a refresh ends. */
    volatile CountDownLatch release;
    /** Answers that are lost on the way (200 with a cut body) before the endpoint answers properly. */
    final AtomicInteger lostAnswers = new AtomicInteger();

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      HttpUrl form = HttpUrl.get("http://x/?" + request.getBody().utf8());
      if ("authorization_code".equals(form.queryParameter("grant_type"))) {
        redirectUrisSent.add(form.queryParameter("redirect_uri"));
        return token(issued.incrementAndGet());
      }
      String sent = form.queryParameter("refresh_token");
      refreshTokensSent.add(sent);
      CountDownLatch held = release;
      if (held != null && !held.await(10, TimeUnit.SECONDS)) {
        return new MockResponse.Builder().code(503).body("{\"error\":\"the test never released the refresh\"}")
            .build();
      }
      if (lostAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json")
            .body("{\"access_token\":\"acc").build();
      }
      synchronized (this) {
        if (!sent.equals(validRefreshToken)) {
          return new MockResponse.Builder().code(400).body("{\"error\":\"invalid_grant\"}").build();
        }
        int n = issued.incrementAndGet();
        validRefreshToken = "refresh-" + n;
        return token(n);
      }
    }

    private static MockResponse token(int n) {
      return new MockResponse.Builder().addHeader("Content-Type", "application/json")
          .body("{\"access_token\":\"access-" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
              + "\"refresh_token\":\"refresh-" + n + "\",\"scope\":\"accounts:read\"}").build();
    }
  }

  @BeforeEach
  void start() {
    server.setDispatcher(klaviyo);
  }

  private OAuthTokenClient tokenClient() {
    return OAuthTokenClient.builder()
        .credentials(OAuthClientCredentials.of("my-client", OAuthTokenClientTest.SECRET))
        .baseUrl(server.url("/"))
        .clock(clock)
        .build();
  }

  /** A session with a store of its own on {@code file}, as another process would have. */
  private OAuthSession process(Path file) {
    return OAuthSession.builder().tokenClient(tokenClient()).tokenStore(new FileTokenStore(file)).clock(clock).build();
  }

  private Path storeWithInitialTokens() {
    Path file = dir.resolve("tokens.json");
    new FileTokenStore(file).save(new OAuthTokens("access-0", "refresh-0", clock.instant().plusSeconds(3600),
        "accounts:read"));
    return file;
  }

  @Test
  void sessionsTakingTurnsOnOneStoreNeverSendARetiredRefreshToken() {
    Path file = storeWithInitialTokens();
    OAuthSession a = process(file);
    OAuthSession b = process(file);
    int failed = 0;
    for (int i = 0; i < 33; i++) {
      clock.advance(Duration.ofHours(2)); // Every call finds the access token expired.
      try {
        (i % 2 == 0 ? a : b).accessToken();
      } catch (ReauthorizationRequiredException e) {
        failed++;
      }
    }
    System.out.println("two sessions on one token file: " + failed + " of 33 calls failed");
    assertThat(failed).isZero();
    assertThat(klaviyo.issued).hasValue(33);
    assertThat(new FileTokenStore(file).load().orElseThrow().refreshToken()).isEqualTo("refresh-33");
  }

  @Test
  void concurrentRefreshesOfTwoSessionsAreSerialisedByTheFileLock() throws Exception {
    Path file = storeWithInitialTokens();
    OAuthSession a = process(file);
    OAuthSession b = process(file);
    a.tokens();
    b.tokens(); // Both hold access-0 / refresh-0 in memory.
    clock.advance(Duration.ofHours(2));
    CountDownLatch release = new CountDownLatch(1);
    klaviyo.release = release; // The first refresh stays in flight until the second session wants one.
    FutureTask<String> first = new FutureTask<>(a::accessToken);
    FutureTask<String> second = new FutureTask<>(b::accessToken);
    Thread firstThread = new Thread(first, "session-a");
    Thread secondThread = new Thread(second, "session-b");
    try {
      firstThread.start();
      await("the first refresh reaches Klaviyo").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
          .until(() -> !klaviyo.refreshTokensSent.isEmpty());
      secondThread.start();
      // The second session must queue for the lock the first holds; without it, it sends a refresh of its own.
      await("the second session waits for the first").atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(5))
          .until(() -> klaviyo.refreshTokensSent.size() > 1 || LockWaits.waitsForLockHeldBy(secondThread, firstThread));
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("access-1");
      assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("access-1");
    } finally {
      release.countDown();
    }
    assertThat(klaviyo.refreshTokensSent).containsExactly("refresh-0"); // One refresh served both.
  }

  @Test
  void aStoreWithoutCrossProcessLockingStillRecoversFromInvalidGrant() {
    // Two sessions whose stores share tokens but not a lock: the loser re-reads the store on invalid_grant.
    InMemoryTokenStore shared = new InMemoryTokenStore(
        new OAuthTokens("access-0", "refresh-0", clock.instant().plusSeconds(3600), "accounts:read"));
    TokenStore readsLate = new TokenStore() {
      private int reads;

      @Override
      public java.util.Optional<OAuthTokens> load() {
        if (reads++ < 2) { // These reads happen before the other session's save becomes visible.
          return java.util.Optional.of(new OAuthTokens("access-0", "refresh-0", clock.instant().minusSeconds(1),
              "accounts:read"));
        }
        return shared.load();
      }

      @Override
      public void save(OAuthTokens tokens) {
        shared.save(tokens);
      }

      @Override
      public void clear() {
        shared.clear();
      }
    };
    OAuthSession a = OAuthSession.builder().tokenClient(tokenClient()).tokenStore(shared).clock(clock).build();
    OAuthSession b = OAuthSession.builder().tokenClient(tokenClient()).tokenStore(readsLate).clock(clock).build();
    b.tokens();
    clock.advance(Duration.ofHours(2));
    a.accessToken(); // Rotates refresh-0 away.
    clock.advance(Duration.ofMinutes(1));
    assertThat(b.accessToken()).isEqualTo("access-1");
    assertThat(klaviyo.refreshTokensSent).containsExactly("refresh-0", "refresh-0");
  }

  @Test
  void anUnreadableTokenResponseIsRetriedLikeANetworkFailure() {
    Path file = storeWithInitialTokens();
    OAuthSession session = process(file);
    klaviyo.lostAnswers.set(1);
    clock.advance(Duration.ofHours(2));
    assertThat(session.accessToken()).isEqualTo("access-1");
    assertThat(klaviyo.refreshTokensSent).containsExactly("refresh-0", "refresh-0");
    assertThat(new FileTokenStore(file).load().orElseThrow().refreshToken()).isEqualTo("refresh-1");
  }

  @Test
  void redirectUriIsSentExactlyAsGiven() {
    Pkce pkce = Pkce.generate();
    AuthorizationRequest request = AuthorizationRequest.builder().clientId("my-client")
        .redirectUri("http://127.0.0.1:9999").scopes("accounts:read").pkce(pkce).build();
    assertThat(request.url().queryParameter("redirect_uri")).isEqualTo("http://127.0.0.1:9999");
    assertThat(request.url().toString()).contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A9999&")
        .doesNotContain("9999%2F");
    tokenClient().exchangeCode("the-code", pkce.verifier(), "http://127.0.0.1:9999");
    assertThat(klaviyo.redirectUrisSent).containsExactly("http://127.0.0.1:9999");
  }
}
