package io.github.kvsdk.klaviyo.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.raw.RawRequest;
import io.github.kvsdk.klaviyo.testing.FakeClock;
import io.github.kvsdk.klaviyo.testing.RecordingSleeper;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {
  private final FakeClock clock = new FakeClock();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private static final Limit LIMIT = new Limit(3, 60, 0);

  private ClientRateLimiter limiter(Limit limit, Duration margin) {
    return new ClientRateLimiter(RateLimiterConfig.builder()
        .operationLimits((method, path) -> Optional.of(new OperationLimit(method + " " + path, limit)))
        .clock(clock)
        .sleeper(sleeper)
        .safetyMargin(margin)
        .build());
  }

  /** Start times (ms since the fake epoch) of {@code n} back-to-back acquisitions. */
  private List<Long> acquire(ClientRateLimiter limiter, int n) throws InterruptedException {
    long origin = clock.millis();
    List<Long> starts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      limiter.acquire("GET", "/api/x");
      starts.add(clock.millis() - origin);
    }
    return starts;
  }

  private static int maxInAnyWindow(List<Long> starts, long window) {
    int max = 0;
    for (int i = 0; i < starts.size(); i++) {
      int count = 0;
      for (int j = i; j < starts.size() && starts.get(j) < starts.get(i) + window; j++) count++;
      max = Math.max(max, count);
    }
    return max;
  }

  @Test
  void busyClientStaysUnderBurstAndSteadyLimits() throws Exception {
    List<Long> starts = acquire(limiter(LIMIT, Duration.ZERO), 150);

    assertThat(maxInAnyWindow(starts, 1_000)).isEqualTo(3);
    assertThat(maxInAnyWindow(starts, 60_000)).isEqualTo(60);
    // Full use of both limits: each minute opens with 60 requests at 3/s (20 s), then waits for the window.
    assertThat(starts.get(59)).isEqualTo(19_000L);
    assertThat(starts.get(60)).isEqualTo(60_000L);
    assertThat(starts.get(120)).isEqualTo(120_000L);
    assertThat(starts.get(149)).isEqualTo(129_000L);
  }

  @Test
  void firstBurstGoesOutWithoutWaiting() throws Exception {
    List<Long> starts = acquire(limiter(LIMIT, Duration.ZERO), 4);
    assertThat(starts).containsExactly(0L, 0L, 0L, 1_000L);
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void safetyMarginWidensEachWindow() throws Exception {
    List<Long> starts = acquire(limiter(LIMIT, Duration.ofMillis(100)), 4);
    assertThat(starts).containsExactly(0L, 0L, 0L, 1_100L);
  }

  @Test
  void windowsAreMeasuredFromTheEndOfSlowResponses() throws Exception {
    ClientRateLimiter limiter = limiter(LIMIT, Duration.ZERO);
    // The first request starts at 0 but its response takes 1.5 s: Klaviyo may have counted it as late as 1.5 s.
    ClientRateLimiter.Permit slow = limiter.acquire("GET", "/api/x").orElseThrow();
    clock.advance(Duration.ofMillis(1_500));
    limiter.complete(slow, 200, Headers.of());
    limiter.acquire("GET", "/api/x");
    limiter.acquire("GET", "/api/x");
    assertThat(sleeper.sleeps()).isEmpty();
    limiter.acquire("GET", "/api/x"); // The 4th must wait until 1 s after the 1st ended, not after it started.
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void dailyCapIsEnforced() throws Exception {
    List<Long> starts = acquire(limiter(new Limit(10, 100, 5), Duration.ZERO), 6);
    assertThat(starts.get(4)).isZero();
    assertThat(starts.get(5)).isEqualTo(Duration.ofDays(1).toMillis());
  }

  @Test
  void operationsHaveSeparateBuckets() throws Exception {
    ClientRateLimiter limiter = limiter(new Limit(1, 10, 0), Duration.ZERO);
    assertThat(limiter.acquire("GET", "/api/a")).map(p -> p.operation().operationKey()).contains("GET /api/a");
    limiter.acquire("GET", "/api/b");
    limiter.acquire("POST", "/api/a");
    assertThat(sleeper.sleeps()).isEmpty();
    limiter.acquire("GET", "/api/a");
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void exhaustedServerQuotaPausesTheOperationUntilReset() throws Exception {
    ClientRateLimiter limiter = limiter(LIMIT, Duration.ZERO);
    ClientRateLimiter.Permit permit = limiter.acquire("GET", "/api/x").orElseThrow();
    limiter.complete(permit, 200, Headers.of("RateLimit-Limit", "60", "RateLimit-Remaining", "0",
        "RateLimit-Reset", "42"));
    limiter.acquire("GET", "/api/x");
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(42));
  }

  @Test
  void remainingQuotaDoesNotPause() throws Exception {
    ClientRateLimiter limiter = limiter(LIMIT, Duration.ZERO);
    ClientRateLimiter.Permit permit = limiter.acquire("GET", "/api/x").orElseThrow();
    limiter.complete(permit, 200, Headers.of("RateLimit-Remaining", "12", "RateLimit-Reset", "42"));
    limiter.acquire("GET", "/api/x");
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  void throttledResponsePausesTheOperationForRetryAfter() throws Exception {
    ClientRateLimiter limiter = limiter(LIMIT, Duration.ZERO);
    ClientRateLimiter.Permit permit = limiter.acquire("GET", "/api/x").orElseThrow();
    limiter.complete(permit, 429, Headers.of("Retry-After", "5"));
    limiter.acquire("GET", "/api/x");
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void disabledLimiterNeverWaits() throws Exception {
    ClientRateLimiter limiter = new ClientRateLimiter(RateLimiterConfig.disabled());
    for (int i = 0; i < 100; i++) assertThat(limiter.acquire("GET", "/api/accounts")).isEmpty();
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @StartStop private final MockWebServer server = new MockWebServer();

  @Test
  void clientAppliesSpecLimitsPerOperation() {
    KlaviyoClient client = KlaviyoClient.builder()
        .apiKey(TestKeys.API_KEY)
        .baseUrl(server.url("/"))
        .rateLimiting(RateLimiterConfig.builder().clock(clock).sleeper(sleeper).safetyMargin(Duration.ZERO).build())
        .build();
    for (int i = 0; i < 3; i++) server.enqueue(new MockResponse.Builder().body("{}").build());
    // GET /api/accounts is limited to 1/s and 15/m by the spec.
    for (int i = 0; i < 3; i++) client.raw().send(RawRequest.get("/api/accounts"));
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
  }
}
