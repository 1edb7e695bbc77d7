package io.github.kvsdk.klaviyo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.kvsdk.klaviyo.errors.KlaviyoNetworkException;
import io.github.kvsdk.klaviyo.http.internal.SdkHttpClient;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import io.github.kvsdk.klaviyo.raw.RawRequest;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** {@link KlaviyoClient#close()} releases what the client created, and only that. */
class ClientCloseTest {
  private static final String ACCOUNTS = "{\"data\":[{\"type\":\"account\",\"id\":\"A1\",\"attributes\":{}}]}";

  @StartStop private final MockWebServer server = new MockWebServer();


  @Test
  void closeReleasesTheDispatcherPoolAndScheduler() throws Exception {
    server.enqueue(new MockResponse.Builder().body(ACCOUNTS).build());
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30").build());
    KlaviyoClient client = KlaviyoClient.builder().apiKey(TestKeys.API_KEY).baseUrl(server.url("/"))
        .rateLimiting(false).build();
    client.raw().sendAsync(RawRequest.get("/api/accounts")).get(5, TimeUnit.SECONDS);
    CompletableFuture<?> waiting = client.accounts().listAsync(QueryOptions.none());
    SdkHttpClient http = (SdkHttpClient) client.httpClient();
    await("the second call waits to retry").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
        .until(() -> http.waitingCalls() == 1);
    assertThat(client.httpClient().connectionPool().connectionCount()).isPositive();

    client.close();

    assertThat(client.isClosed()).isTrue();
    assertThat(client.httpClient().dispatcher().executorService().isShutdown()).isTrue();
    assertThat(client.httpClient().connectionPool().connectionCount()).isZero();
    assertThat(http.waitingCalls()).isZero();
    assertThatThrownBy(() -> waiting.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(KlaviyoNetworkException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> client.raw().send(RawRequest.get("/api/accounts")))
        .isInstanceOf(KlaviyoNetworkException.class).hasMessageContaining("closed");
    client.close(); // Idempotent.
  }

  @Test
  void closeLeavesAUserSuppliedOkHttpClientAlone() throws Exception {
    server.enqueue(new MockResponse.Builder().body(ACCOUNTS).build());
    server.enqueue(new MockResponse.Builder().body(ACCOUNTS).build());
    OkHttpClient mine = new OkHttpClient();
    try (KlaviyoClient client = KlaviyoClient.builder().apiKey(TestKeys.API_KEY).baseUrl(server.url("/"))
        .okHttpClient(mine).build()) {
      client.raw().sendAsync(RawRequest.get("/api/accounts")).get(5, TimeUnit.SECONDS);
    }
    assertThat(mine.dispatcher().executorService().isShutdown()).isFalse();
    try (Response response = mine.newCall(new Request.Builder().url(server.url("/api/accounts")).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
    mine.dispatcher().executorService().shutdown();
  }

  @Test
  void closingADerivedClientLeavesTheParentOpen() throws Exception {
    server.enqueue(new MockResponse.Builder().body(ACCOUNTS).build());
    try (KlaviyoClient parent = KlaviyoClient.builder().apiKey(TestKeys.API_KEY).baseUrl(server.url("/")).build()) {
      parent.withOptions(b -> b.callTimeout(java.time.Duration.ofSeconds(5))).close();
      assertThat(parent.httpClient().dispatcher().executorService().isShutdown()).isFalse();
      assertThat(parent.raw().sendAsync(RawRequest.get("/api/accounts")).get(5, TimeUnit.SECONDS).statusCode())
          .isEqualTo(200);
    }
  }
}
