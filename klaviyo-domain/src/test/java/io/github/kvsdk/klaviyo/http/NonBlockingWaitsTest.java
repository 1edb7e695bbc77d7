package io.github.kvsdk.klaviyo.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.errors.KlaviyoDeadlineException;
import io.github.kvsdk.klaviyo.generated.model.GetAccountsResult;
import io.github.kvsdk.klaviyo.http.internal.SdkHttpClient;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import io.github.kvsdk.klaviyo.raw.RawRequest;
import io.github.kvsdk.klaviyo.raw.RawResponse;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Call;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/**
 * Retry and rate-limit waits: asynchronous calls never wait on OkHttp's dispatcher threads, the call timeout
 * bounds every wait, and cancelling ends a wait at once.
 */
class NonBlockingWaitsTest {
  private static final String ACCOUNTS = "{\"data\":[{\"type\":\"account\",\"id\":\"A1\",\"attributes\":{}}],"
      + "\"links\":{\"self\":\"x\"}}";

  @StartStop private final MockWebServer server = new MockWebServer();

  private void answerEverything() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().body(ACCOUNTS).build();
      }
    });
  }

  private KlaviyoClient.Builder client() {
    return KlaviyoClient.builder().apiKey(TestKeys.API_KEY).baseUrl(server.url("/"));
  }


  @Test
  void unrelatedAsyncCallIsNotQueuedBehindRateLimitedOnes() throws Exception {
    answerEverything();
    try (KlaviyoClient client = client().build()) {
      // Get Accounts allows 1 request per second: 12 of them keep the limiter busy for 11 s.
      List<CompletableFuture<GetAccountsResult>> accounts = new ArrayList<>();
      for (int i = 0; i < 12; i++) accounts.add(client.accounts().listAsync(QueryOptions.none()));
      SdkHttpClient http = (SdkHttpClient) client.httpClient();
      await("the rate-limited calls wait").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
          .until(() -> http.waitingCalls() >= 10);

      long start = System.nanoTime();
      RawResponse unrelated = client.raw().sendAsync(RawRequest.get("/api/profiles")).get(5, TimeUnit.SECONDS);
      long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      System.out.println("unrelated async call behind 12 rate-limited async calls took " + waitedMillis + " ms");
      assertThat(unrelated.statusCode()).isEqualTo(200);
      // The waiting calls hold no dispatcher thread: at most the one in flight runs (before the fix, all 5
      // per-host slots slept in the rate limiter).
      await("at most one call runs").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
          .until(() -> client.httpClient().dispatcher().runningCallsCount() <= 1);
      assertThat(accounts.stream().filter(CompletableFuture::isDone).count()).isLessThan(6);

      // Cancelling the futures frees everything at once.
      accounts.forEach(f -> f.cancel(true));
      assertThat(http.waitingCalls()).isZero();
      await("no call runs").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
          .until(() -> client.httpClient().dispatcher().runningCallsCount() == 0);
      assertThat(client.httpClient().dispatcher().queuedCallsCount()).isZero();
    }
  }

  @Test
  void retryAfterLongerThanTheCallTimeoutFailsAtOnce() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "8").build());
    server.enqueue(new MockResponse.Builder().body(ACCOUNTS).build());
    try (KlaviyoClient client = client().rateLimiting(false).callTimeout(Duration.ofSeconds(2)).build()) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> client.raw().send(RawRequest.builder().url("/api/accounts")
              .useClientRetryPolicy().build()))
          .isInstanceOfSatisfying(KlaviyoDeadlineException.class, e -> {
            assertThat(e.requiredWait()).isEqualTo(Duration.ofSeconds(8));
            assertThat(e.reason()).isEqualTo("Retry-After");
            assertThat(e.getMessage()).contains("call timeout of 2000 ms");
          });
      long overrun = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) - 2000;
      System.out.println("sync call with callTimeout 2 s and Retry-After 8 s ended " + overrun
          + " ms after the timeout");
      assertThat(overrun).isLessThan(0);
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void asyncRetryAfterLongerThanTheCallTimeoutFailsAtOnce() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "8").build());
    try (KlaviyoClient client = client().rateLimiting(false).callTimeout(Duration.ofSeconds(2)).build()) {
      CompletableFuture<GetAccountsResult> future = client.accounts().listAsync(QueryOptions.none());
      assertThatThrownBy(() -> future.get(1, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(KlaviyoDeadlineException.class);
    }
  }

  @Test
  void rateLimiterWaitLongerThanTheCallTimeoutFailsAtOnce() throws Exception {
    answerEverything();
    try (KlaviyoClient client = client().callTimeout(Duration.ofMillis(1500)).build()) {
      client.accounts().list(QueryOptions.none());
      client.accounts().list(QueryOptions.none()); // Waits about 1 s for the burst window: within the timeout.
      assertThat(server.getRequestCount()).isEqualTo(2);
      for (int i = 0; i < 3; i++) client.accounts().listAsync(QueryOptions.none()); // Take the next slots.
      long start = System.nanoTime();
      assertThatThrownBy(() -> client.accounts().list(QueryOptions.none()))
          .isInstanceOfSatisfying(KlaviyoDeadlineException.class,
              e -> assertThat(e.reason()).isEqualTo("the client-side rate limiter"));
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
    }
  }

  @Test
  void cancellingTheFutureEndsAnAsyncWait() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30").build());
    try (KlaviyoClient client = client().rateLimiting(false).build()) {
      SdkHttpClient http = (SdkHttpClient) client.httpClient();
      CompletableFuture<GetAccountsResult> future = client.accounts().listAsync(QueryOptions.none());
      await("the call waits to retry").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
          .until(() -> http.waitingCalls() == 1);
      // The deferred attempt hands its dispatcher thread back as soon as its callback has scheduled the retry.
      await("no dispatcher thread is held").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
          .until(() -> client.httpClient().dispatcher().runningCallsCount() == 0);
      future.cancel(true);
      assertThat(http.waitingCalls()).isZero();
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void callCancelEndsASyncWaitWithin100Millis() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30").build());
    try (KlaviyoClient client = client().rateLimiting(false).build()) {
      Call call = client.httpClient().newCall(new Request.Builder().url(server.url("/api/accounts")).build());
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicLong endedAt = new AtomicLong();
      Thread caller = new Thread(() -> {
        try {
          call.execute().close();
        } catch (IOException e) {
          endedAt.set(System.nanoTime());
          failure.set(e);
        }
      });
      caller.start();
      await("the caller waits to retry").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
          .until(() -> server.getRequestCount() == 1
              && caller.getState() == Thread.State.TIMED_WAITING);
      long start = System.nanoTime();
      call.cancel();
      caller.join(5_000);
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(endedAt.get() - start);
      System.out.println("Call.cancel() ended a 30 s Retry-After wait after " + tookMillis + " ms");
      assertThat(caller.isAlive()).isFalse();
      assertThat(failure.get()).isInstanceOf(IOException.class).hasMessageContaining("Canceled");
      assertThat(tookMillis).isLessThan(100);
    }
  }

  @Test
  void interruptEndsASyncWaitWithin100Millis() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30").build());
    try (KlaviyoClient client = client().rateLimiting(false).build()) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicLong endedAt = new AtomicLong();
      Thread caller = new Thread(() -> {
        try {
          client.accounts().list(QueryOptions.none());
        } catch (RuntimeException e) {
          endedAt.set(System.nanoTime());
          failure.set(e);
        }
      });
      caller.start();
      await("the caller waits to retry").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
          .until(() -> server.getRequestCount() == 1
              && caller.getState() == Thread.State.TIMED_WAITING);
      long start = System.nanoTime();
      caller.interrupt();
      caller.join(5_000);
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(endedAt.get() - start);
      System.out.println("interrupt ended a 30 s Retry-After wait after " + tookMillis + " ms");
      assertThat(caller.isAlive()).isFalse();
      assertThat(failure.get()).hasCauseInstanceOf(InterruptedIOException.class);
      assertThat(tookMillis).isLessThan(100);
    }
  }
}
