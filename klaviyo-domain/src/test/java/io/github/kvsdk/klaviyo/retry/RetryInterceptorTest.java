package io.github.kvsdk.klaviyo.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.errors.KlaviyoNetworkException;
import io.github.kvsdk.klaviyo.raw.RawRequest;
import io.github.kvsdk.klaviyo.raw.RawResponse;
import io.github.kvsdk.klaviyo.testing.CapturedStderr;
import io.github.kvsdk.klaviyo.testing.FakeClock;
import io.github.kvsdk.klaviyo.testing.RecordingSleeper;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class RetryInterceptorTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final FakeClock clock = new FakeClock();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);

  private KlaviyoClient client(RetryPolicy.Builder policy) {
    return KlaviyoClient.builder()
        .apiKey(TestKeys.API_KEY)
        .baseUrl(server.url("/"))
        .rateLimiting(false)
        .retryPolicy(policy.sleeper(sleeper).clock(clock).build())
        .build();
  }

  private KlaviyoClient client() {
    return client(RetryPolicy.builder().random(() -> 0.5));
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).body("{\"errors\":[]}").build();
  }

  private static MockResponse ok() {
    return new MockResponse.Builder().body("{\"data\":[]}").build();
  }

  private RawResponse get(KlaviyoClient client, String path) {
    return client.raw().send(RawRequest.get(path));
  }

  private RawResponse post(KlaviyoClient client, String path) {
    return client.raw().send(RawRequest.builder().method("POST").url(path).jsonBody(Map.of("data", Map.of())).build());
  }

  /** Runs a raw request as if it were an action: client retry policy, no per-request override. */
  private int send(KlaviyoClient client, String method, String path) throws IOException {
    okhttp3.Request.Builder request = new okhttp3.Request.Builder().url(client.baseUrl().resolve(path));
    request.method(method, method.equals("GET") || method.equals("DELETE") ? null
        : okhttp3.RequestBody.create("{}", okhttp3.MediaType.get("application/vnd.api+json")));
    try (okhttp3.Response response = client.httpClient().newCall(request.build()).execute()) {
      return response.code();
    }
  }

  @Test
  void retryLinesAreLoggedAtDebugNotInfo() throws Exception {
    // Callers report failures themselves; a retry that succeeded is detail, shown only when debugging.
    server.enqueue(status(503));
    server.enqueue(new MockResponse.Builder().body("{\"data\":[]}" + " ".repeat(4096))
        .onResponseBody(new SocketEffect.CloseSocket()).build());
    server.enqueue(ok());
    String log;
    try (CapturedStderr stderr = new CapturedStderr()) {
      assertThat(send(client(), "GET", "/api/profiles")).isEqualTo(200);
      log = stderr.text();
    }
    assertThat(log.lines().filter(line -> line.contains("Retrying GET /api/profiles")))
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).contains(" DEBUG ").doesNotContain(" INFO "));
  }

  @Test
  void retriesHonourRetryAfterSeconds() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3").build());
    server.enqueue(ok());
    assertThat(send(client(), "GET", "/api/profiles")).isEqualTo(200);
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(3));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void retriesHonourRetryAfterHttpDate() throws Exception {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(7).atOffset(ZoneOffset.UTC));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", date).build());
    server.enqueue(ok());
    assertThat(send(client(), "GET", "/api/profiles")).isEqualTo(200);
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void throttledPostsAreRetriedBecauseKlaviyoRejectedThemUnprocessed() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
    server.enqueue(ok());
    assertThat(send(client(), "POST", "/api/profiles")).isEqualTo(200);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void without429HintBackoffIsExponentialWithFullJitter() throws Exception {
    for (int i = 0; i < 3; i++) server.enqueue(new MockResponse.Builder().code(429).build());
    server.enqueue(ok());
    assertThat(send(client(), "GET", "/api/profiles")).isEqualTo(200);
    // random pinned at 0.5: half of 0.5 s, 1 s, 2 s ceilings.
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void jitteredBackoffStaysWithinCappedBounds() throws Exception {
    KlaviyoClient client = client(RetryPolicy.builder().maxRetries(6).baseDelay(Duration.ofSeconds(1))
        .maxDelay(Duration.ofSeconds(5)));
    for (int i = 0; i < 6; i++) server.enqueue(status(503));
    server.enqueue(ok());
    assertThat(send(client, "GET", "/api/profiles")).isEqualTo(200);
    long[] ceilings = {1000, 2000, 4000, 5000, 5000, 5000};
    assertThat(sleeper.sleeps()).hasSize(6);
    for (int i = 0; i < 6; i++) {
      assertThat(sleeper.sleeps().get(i).toMillis()).isBetween(0L, ceilings[i]);
    }
  }

  @Test
  void givesUpAfterMaxRetriesAndReturnsTheLastResponse() throws Exception {
    for (int i = 0; i < 4; i++) server.enqueue(status(503));
    assertThat(send(client(), "GET", "/api/profiles")).isEqualTo(503);
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(sleeper.sleeps()).hasSize(3);
  }

  @Test
  void nonIdempotentPostIsNotRetriedOn503() throws Exception {
    server.enqueue(status(503));
    server.enqueue(ok());
    assertThat(send(client(), "POST", "/api/profiles")).isEqualTo(503);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  void patchIsNotRetriedOn502() throws Exception {
    server.enqueue(status(502));
    assertThat(send(client(), "PATCH", "/api/profiles/abc")).isEqualTo(502);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void idempotentMethodsAreRetriedOnGatewayErrors() throws Exception {
    for (int code : new int[] {502, 503, 504, 524}) {
      server.enqueue(status(code));
    }
    server.enqueue(ok());
    KlaviyoClient client = client(RetryPolicy.builder().maxRetries(4).random(() -> 0.0));
    assertThat(send(client, "DELETE", "/api/lists/abc")).isEqualTo(200);
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void allowListedPostsAreRetriedOn503() throws Exception {
    server.enqueue(status(503));
    server.enqueue(ok());
    assertThat(send(client(), "POST", "/api/profile-subscription-bulk-create-jobs")).isEqualTo(200);
    server.enqueue(status(503));
    server.enqueue(ok());
    assertThat(send(client(), "POST", "/api/lists/XyZ/relationships/profiles")).isEqualTo(200);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void callerCanAddIdempotentPosts() throws Exception {
    server.enqueue(status(503));
    server.enqueue(ok());
    KlaviyoClient client = client(RetryPolicy.builder().addIdempotentPost("/api/event-bulk-create-jobs"));
    assertThat(send(client, "POST", "/api/event-bulk-create-jobs")).isEqualTo(200);
  }

  @Test
  void clientErrorsAreNotRetried() throws Exception {
    server.enqueue(status(400));
    assertThat(send(client(), "GET", "/api/profiles")).isEqualTo(400);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retryAfterLongerThanTheLimitIsReturnedNotWaited() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());
    assertThat(send(client(), "GET", "/api/profiles")).isEqualTo(429);
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  void idempotentRequestsAreRetriedAfterTheConnectionDrops() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(ok());
    assertThat(send(client(), "GET", "/api/profiles")).isEqualTo(200);
    assertThat(sleeper.sleeps()).hasSize(1);
  }

  @Test
  void nonIdempotentPostIsNotRetriedAfterTheRequestMayHaveArrived() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(ok());
    assertThatThrownBy(() -> send(client(), "POST", "/api/profiles")).isInstanceOf(IOException.class);
    assertThat(sleeper.sleeps()).isEmpty();

    // The queued 200 is still unused: the next request to arrive is the GET, not a second POST.
    assertThat(send(client(), "GET", "/api/ping")).isEqualTo(200);
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/profiles");
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/ping");
  }

  @Test
  void connectFailuresAreRetriedEvenForCreates() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // Closed when the block ends: connecting is refused.
    }
    KlaviyoClient client = KlaviyoClient.builder()
        .apiKey(TestKeys.API_KEY)
        .baseUrl("http://127.0.0.1:" + port)
        .rateLimiting(false)
        .retryPolicy(RetryPolicy.builder().sleeper(sleeper).clock(clock).random(() -> 0.0).build())
        .build();
    assertThatThrownBy(() -> send(client, "POST", "/api/profiles")).isInstanceOf(java.net.ConnectException.class);
    assertThat(sleeper.sleeps()).hasSize(3);
  }

  @Test
  void rawRequestsMapConnectFailuresToNetworkExceptions() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    KlaviyoClient client = KlaviyoClient.builder().apiKey(TestKeys.API_KEY).baseUrl("http://127.0.0.1:" + port)
        .rateLimiting(false).build();
    assertThatThrownBy(() -> post(client, "/api/profiles"))
        .isInstanceOf(KlaviyoNetworkException.class)
        .hasMessageContaining("POST /api/profiles failed: ConnectException");
  }

  @Test
  void requestTagOverridesTheClientPolicy() throws Exception {
    server.enqueue(status(503));
    server.enqueue(ok());
    okhttp3.Request request = new okhttp3.Request.Builder()
        .url(server.url("/api/profiles"))
        .tag(RetryPolicy.class, RetryPolicy.none())
        .build();
    try (okhttp3.Response response = client().httpClient().newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(503);
    }
  }

  @Test
  void retryabilityTagMarksAPostIdempotent() throws Exception {
    server.enqueue(status(503));
    server.enqueue(ok());
    okhttp3.Request request = new okhttp3.Request.Builder()
        .url(server.url("/api/events"))
        .post(okhttp3.RequestBody.create("{}", null))
        .tag(Retryability.class, Retryability.IDEMPOTENT)
        .build();
    try (okhttp3.Response response = client().httpClient().newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
  }
}
