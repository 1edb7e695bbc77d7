package io.github.kvsdk.klaviyo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import io.github.kvsdk.klaviyo.raw.RawRequest;
import io.github.kvsdk.klaviyo.ratelimit.RateLimiterConfig;
import io.github.kvsdk.klaviyo.retry.RetryPolicy;
import io.github.kvsdk.klaviyo.testing.FakeClock;
import io.github.kvsdk.klaviyo.testing.RecordingSleeper;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class ClientMetricsTest {
  private static final String ACCOUNTS = "{\"data\":[],\"links\":{\"self\":\"x\",\"next\":null,\"prev\":null}}";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final FakeClock clock = new FakeClock();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private KlaviyoClient.Builder client() {
    return KlaviyoClient.builder()
        .apiKey(TestKeys.API_KEY)
        .baseUrl(server.url("/"))
        .rateLimiting(false)
        .retryPolicy(RetryPolicy.builder().sleeper(sleeper).clock(clock).build())
        .meterRegistry(registry);
  }

  private static MockResponse accounts() {
    return new MockResponse.Builder().addHeader("Content-Type", "application/vnd.api+json").body(ACCOUNTS).build();
  }

  @Test
  void aThrottledThenSuccessfulCallCountsTwoRequestsOneRetryOne429AndOneCall() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").body("{\"errors\":[]}").build());
    server.enqueue(accounts());

    client().build().accounts().list(QueryOptions.none());

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
    Timer ok = registry.get(KlaviyoMeters.REQUESTS)
        .tags("operation", "get_accounts", "method", "GET", "status", "2xx").timer();
    Timer throttled = registry.get(KlaviyoMeters.REQUESTS)
        .tags("operation", "get_accounts", "method", "GET", "status", "4xx").timer();
    assertThat(ok.count()).isEqualTo(1);
    assertThat(throttled.count()).isEqualTo(1);
    assertThat(registry.get(KlaviyoMeters.REQUESTS).timers()).hasSize(2);
    assertThat(registry.get(KlaviyoMeters.RETRIES).tags("operation", "get_accounts").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get(KlaviyoMeters.THROTTLED).tags("operation", "get_accounts", "method", "GET")
        .counter().count()).isEqualTo(1.0);
    Timer calls = registry.get(KlaviyoMeters.CALLS).tags("operation", "get_accounts", "status", "2xx").timer();
    assertThat(calls.count()).isEqualTo(1);
    assertThat(registry.get(KlaviyoMeters.CALLS).timers()).hasSize(1);
    // The call spans both attempts, so it cannot be shorter than their sum.
    assertThat(calls.totalTime(TimeUnit.NANOSECONDS))
        .isGreaterThanOrEqualTo(ok.totalTime(TimeUnit.NANOSECONDS) + throttled.totalTime(TimeUnit.NANOSECONDS));
  }

  @Test
  void asynchronousCallsAreTimedOnceAcrossTheirAttempts() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).body("{\"errors\":[]}").build());
    server.enqueue(accounts());
    KlaviyoClient client = KlaviyoClient.builder()
        .apiKey(TestKeys.API_KEY)
        .baseUrl(server.url("/"))
        .rateLimiting(false)
        .retryPolicy(RetryPolicy.builder().fixedDelay(Duration.ofMillis(1)).build())
        .meterRegistry(registry)
        .build();

    client.accounts().listAsync(QueryOptions.none()).get(10, TimeUnit.SECONDS);

    assertThat(registry.get(KlaviyoMeters.REQUESTS).tags("status", "5xx").timer().count()).isEqualTo(1);
    assertThat(registry.get(KlaviyoMeters.REQUESTS).tags("status", "2xx").timer().count()).isEqualTo(1);
    assertThat(registry.get(KlaviyoMeters.RETRIES).counter().count()).isEqualTo(1.0);
    assertThat(registry.get(KlaviyoMeters.CALLS).timers()).hasSize(1);
    assertThat(registry.get(KlaviyoMeters.CALLS).tags("status", "2xx").timer().count()).isEqualTo(1);
  }

  @Test
  void rateLimiterWaitsAreCountedAndTimedByOperation() {
    // Get Accounts allows a burst of 1 per second: the second call waits for the next second.
    server.enqueue(accounts());
    server.enqueue(accounts());
    KlaviyoClient client = client()
        .rateLimiting(RateLimiterConfig.builder().clock(clock).sleeper(sleeper).build())
        .build();

    client.accounts().list(QueryOptions.none());
    client.accounts().list(QueryOptions.none());

    Timer waits = registry.get(KlaviyoMeters.RATE_LIMITER_WAITS).tags("operation", "get_accounts").timer();
    assertThat(waits.count()).isEqualTo(sleeper.sleeps().size()).isPositive();
    Duration slept = sleeper.sleeps().stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(waits.totalTime(TimeUnit.NANOSECONDS)).isEqualTo((double) slept.toNanos());
    assertThat(registry.get(KlaviyoMeters.CALLS).tags("operation", "get_accounts").timer().count()).isEqualTo(2);
  }

  @Test
  void rawRequestsAreNamedByPathAndFailuresWithoutResponseAreErrors() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{\"data\":{}}").build());
    KlaviyoClient client = client().retryPolicy(RetryPolicy.none()).build();

    client.raw().send(RawRequest.get("/api/profiles/01ABC"));
    server.close();
    assertThatThrownBy(() -> client.raw().send(RawRequest.get("/api/not-an-operation")));

    assertThat(registry.get(KlaviyoMeters.CALLS).tags("operation", "get_profile", "status", "2xx").timer().count())
        .isEqualTo(1);
    assertThat(registry.get(KlaviyoMeters.CALLS).tags("operation", "unknown", "status", "error").timer().count())
        .isEqualTo(1);
  }

  @Test
  void aNullRegistryIsRefusedNamingTheField() {
    assertThatThrownBy(() -> KlaviyoClient.builder().meterRegistry(null))
        .isInstanceOf(KlaviyoValidationException.class)
        .hasMessageContaining("meterRegistry");
  }

  @Test
  void clientsWithoutARegistryRecordNothingAndDerivedClientsKeepTheirs() {
    server.enqueue(accounts());
    server.enqueue(accounts());
    KlaviyoClient.builder().apiKey(TestKeys.API_KEY).baseUrl(server.url("/")).build()
        .accounts().list(QueryOptions.none());
    assertThat(registry.getMeters()).isEmpty();

    client().build().withOptions(b -> b.readTimeout(Duration.ofSeconds(5))).accounts().list(QueryOptions.none());
    assertThat(registry.get(KlaviyoMeters.CALLS).timer().count()).isEqualTo(1);
  }
}
