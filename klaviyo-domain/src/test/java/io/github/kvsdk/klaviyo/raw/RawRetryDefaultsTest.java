package io.github.kvsdk.klaviyo.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.generated.api.ListsApi;
import io.github.kvsdk.klaviyo.retry.RetryPolicy;
import io.github.kvsdk.klaviyo.testing.FakeClock;
import io.github.kvsdk.klaviyo.testing.RecordingSleeper;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Raw requests' retry defaults, the switch to the client's policy, and the JSON:API media type. */
class RawRetryDefaultsTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final FakeClock clock = new FakeClock();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);

  private KlaviyoClient client() {
    return KlaviyoClient.builder().apiKey(TestKeys.API_KEY).baseUrl(server.url("/")).rateLimiting(false)
        .retryPolicy(RetryPolicy.builder().sleeper(sleeper).clock(clock).random(() -> 0.0).build()).build();
  }

  @Test
  void byDefaultNothingIsRetried() {
    server.enqueue(new MockResponse.Builder().code(503).build());
    try (KlaviyoClient client = client()) {
      assertThat(client.raw().send(RawRequest.get("/api/accounts")).statusCode()).isEqualTo(503);
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void useClientRetryPolicyRetriesAsTypedCallsDo() {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().body("{\"data\":[]}").build());
    try (KlaviyoClient client = client()) {
      RawRequest request = RawRequest.builder().url("/api/accounts").useClientRetryPolicy().build();
      assertThat(client.raw().send(request).statusCode()).isEqualTo(200);
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void useClientRetryPolicyExcludesTheRequestsOwnRetrySettings() {
    assertThatThrownBy(() -> RawRequest.builder().url("/api/accounts").maxRetries(2).useClientRetryPolicy().build())
        .isInstanceOfSatisfying(KlaviyoValidationException.class,
            e -> assertThat(e.field()).isEqualTo("useClientRetryPolicy"));
  }

  @Test
  void retryAfterOfA429IsHonouredWhenTheRetryDelayIsZero() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build());
    server.enqueue(new MockResponse.Builder().body("{\"data\":[]}").build());
    try (KlaviyoClient client = client()) {
      RawRequest request = RawRequest.builder().url("/api/accounts").maxRetries(1).retryDelayMillis(0).build();
      assertThat(client.raw().send(request).statusCode()).isEqualTo(200);
    }
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void typedCallsSendJsonApiWithoutACharset() throws Exception {
    server.enqueue(new MockResponse.Builder().code(201).body("{\"data\":{\"type\":\"list\",\"id\":\"L1\","
        + "\"attributes\":{\"name\":\"Newsletter\"}}}").build());
    try (KlaviyoClient client = client()) {
      client.lists().create("Newsletter");
    }
    assertThat(server.takeRequest().getHeaders().get("Content-Type")).isEqualTo("application/vnd.api+json");
  }

  @Test
  void rawJsonBodiesAreSentWithoutACharset() throws Exception {
    server.enqueue(new MockResponse.Builder().code(201).build());
    server.enqueue(new MockResponse.Builder().code(201).build());
    try (KlaviyoClient client = client()) {
      client.raw().send(RawRequest.builder().method("POST").url("/api/lists").jsonBody("{\"data\":{}}").build());
      client.raw().send(RawRequest.builder().method("POST").url("/api/lists")
          .header("Content-Type", "application/vnd.api+json; charset=utf-8").jsonBody("{\"data\":{}}").build());
    }
    assertThat(server.takeRequest().getHeaders().get("Content-Type")).isEqualTo("application/vnd.api+json");
    assertThat(server.takeRequest().getHeaders().get("Content-Type")).isEqualTo("application/vnd.api+json");
  }
}
