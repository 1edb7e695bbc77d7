package io.github.kvsdk.klaviyo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.errors.KlaviyoTimeoutException;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.raw.RawRequest;
import io.github.kvsdk.klaviyo.raw.RawResponse;
import io.github.kvsdk.klaviyo.retry.RetryPolicy;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class KlaviyoClientTest {
  @StartStop private final MockWebServer server = new MockWebServer();

  private KlaviyoClient.Builder builder() {
    return KlaviyoClient.builder()
        .apiKey(TestKeys.API_KEY)
        .baseUrl(server.url("/"))
        .rateLimiting(false);
  }

  @Test
  void buildRequiresCredentials() {
    assertThatThrownBy(() -> KlaviyoClient.builder().build())
        .isInstanceOf(KlaviyoValidationException.class)
        .satisfies(e -> assertThat(((KlaviyoValidationException) e).field()).isEqualTo("credentials"));
  }

  @Test
  void revisionMustBeADateWithOptionalSuffix() {
    assertThat(builder().revision("2024-10-15.pre").build().revision()).isEqualTo("2024-10-15.pre");
    for (String bad : new String[] {"2024-10", "15-10-2024", "2024-13-01", "2024-10-15.", "2024-10-15 ", "latest"}) {
      assertThatThrownBy(() -> builder().revision(bad))
          .as(bad)
          .isInstanceOf(KlaviyoValidationException.class)
          .hasMessageStartingWith("revision: ");
    }
  }

  @Test
  void baseUrlMustBeHttpsExceptOnLoopback() {
    assertThat(builder().baseUrl("https://a.klaviyo.com").build().baseUrl().toString())
        .isEqualTo("https://a.klaviyo.com/");
    assertThat(builder().baseUrl("http://127.0.0.1:8080").build().baseUrl().port()).isEqualTo(8080);
    assertThat(builder().baseUrl("http://127.8.9.10:8080").build().baseUrl().host()).isEqualTo("127.8.9.10");
    assertThat(builder().baseUrl("http://localhost:1").build().baseUrl().host()).isEqualTo("localhost");
    assertThat(builder().baseUrl("http://[::1]:1").build().baseUrl().host()).isEqualTo("::1");
    for (String bad : new String[] {"http://a.klaviyo.com", "http://10.0.0.1", "ftp://a.klaviyo.com", "a.klaviyo.com",
        "https://user:pw@a.klaviyo.com", "https://a.klaviyo.com/?x=1", ""}) {
      assertThatThrownBy(() -> builder().baseUrl(bad))
          .as(bad)
          .isInstanceOf(KlaviyoValidationException.class)
          .hasMessageStartingWith("baseUrl: ");
    }
  }

  @Test
  void timeoutsAreValidatedAndApplied() {
    KlaviyoClient client = builder()
        .connectTimeout(Duration.ofSeconds(3))
        .readTimeout(Duration.ofSeconds(4))
        .writeTimeout(Duration.ofSeconds(5))
        .callTimeout(Duration.ofSeconds(6))
        .build();
    assertThat(client.httpClient().connectTimeoutMillis()).isEqualTo(3000);
    assertThat(client.httpClient().readTimeoutMillis()).isEqualTo(4000);
    assertThat(client.httpClient().writeTimeoutMillis()).isEqualTo(5000);
    assertThat(client.httpClient().callTimeoutMillis()).isEqualTo(6000);
    assertThatThrownBy(() -> builder().readTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageStartingWith("readTimeout: ");
    assertThatThrownBy(() -> builder().callTimeout(null))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageStartingWith("callTimeout: ");
  }

  @Test
  void defaultTimeoutsAreSet() {
    KlaviyoClient client = builder().build();
    assertThat(client.httpClient().connectTimeoutMillis()).isEqualTo(10_000);
    assertThat(client.httpClient().readTimeoutMillis()).isEqualTo(30_000);
    assertThat(client.httpClient().callTimeoutMillis()).isEqualTo(60_000);
    assertThat(client.httpClient().retryOnConnectionFailure()).isFalse();
  }

  @Test
  void sendsApiKeyRevisionUserAgentAndAccept() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{\"data\":[]}").build());
    builder().build().raw().send(RawRequest.get("/api/accounts"));

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Klaviyo-API-Key " + TestKeys.API_KEY);
    assertThat(request.getHeaders().get("revision")).isEqualTo(io.github.kvsdk.klaviyo.KlaviyoClient.DEFAULT_REVISION);
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/vnd.api+json");
    assertThat(request.getHeaders().get("User-Agent"))
        .matches("klaviyo-domain/[0-9A-Za-z.\\-]+ java/" + java.util.regex.Pattern.quote(System.getProperty("java.version")));
  }

  @Test
  void userAgentCarriesTheFilteredProjectVersion() {
    assertThat(builder().build().userAgent()).doesNotContain("${").startsWith("klaviyo-domain/");
  }

  @Test
  void overriddenRevisionIsSent() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{}").build());
    builder().revision("2025-01-15").build().raw().send(RawRequest.get("/api/accounts"));
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("revision")).isEqualTo("2025-01-15");
  }

  @Test
  void slowResponseThrowsTimeoutException() {
    server.enqueue(new MockResponse.Builder().body("{}").headersDelay(2, TimeUnit.SECONDS).build());
    KlaviyoClient client = builder()
        .readTimeout(Duration.ofMillis(200))
        .retryPolicy(RetryPolicy.none())
        .build();
    assertThatThrownBy(() -> client.raw().send(RawRequest.get("/api/accounts")))
        .isInstanceOf(KlaviyoTimeoutException.class)
        .hasMessageContaining("GET /api/accounts timed out");
  }

  @Test
  void callTimeoutBoundsTheWholeCall() {
    server.enqueue(new MockResponse.Builder().body("{}").bodyDelay(2, TimeUnit.SECONDS).build());
    KlaviyoClient client = builder().callTimeout(Duration.ofMillis(300)).build();
    assertThatThrownBy(() -> client.raw().send(RawRequest.get("/api/accounts")))
        .isInstanceOf(KlaviyoTimeoutException.class);
  }

  @Test
  void withOptionsSharesPoolsAndLeavesOriginalUnchanged() {
    OkHttpClient shared = new OkHttpClient();
    KlaviyoClient client = builder().okHttpClient(shared).build();
    KlaviyoClient slow = client.withOptions(b -> b.readTimeout(Duration.ofMinutes(2)));

    assertThat(slow).isNotSameAs(client);
    assertThat(slow.readTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(client.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(slow.httpClient().connectionPool()).isSameAs(shared.connectionPool());
    assertThat(client.httpClient().connectionPool()).isSameAs(shared.connectionPool());
    assertThat(slow.httpClient().dispatcher()).isSameAs(shared.dispatcher());
    assertThat(slow.rateLimiter()).isSameAs(client.rateLimiter());
    assertThat(client.withOptions(b -> b.rateLimiting(true)).rateLimiter()).isNotSameAs(client.rateLimiter());
  }

  @Test
  void userSuppliedClientIsNotModified() {
    OkHttpClient shared = new OkHttpClient();
    builder().okHttpClient(shared).build();
    assertThat(shared.interceptors()).isEmpty();
    assertThat(shared.retryOnConnectionFailure()).isTrue();
  }

  @Test
  void toStringNamesNoSecret() {
    assertThat(builder().build().toString()).doesNotContain(TestKeys.API_KEY).contains("pk_***");
  }

  @Test
  void rawResponseExposesStatusHeadersAndBody() {
    server.enqueue(new MockResponse.Builder().code(201).addHeader("X-Test", "yes").body("{\"a\":1}").build());
    RawResponse response = builder().build().raw().send(RawRequest.get("/api/x"));
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().get("X-Test")).isEqualTo("yes");
    assertThat(response.json()).isEqualTo(java.util.Map.of("a", new java.math.BigDecimal("1")));
  }
}
