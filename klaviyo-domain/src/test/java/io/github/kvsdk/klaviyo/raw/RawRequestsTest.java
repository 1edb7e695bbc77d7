package io.github.kvsdk.klaviyo.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.errors.BadRequestException;
import io.github.kvsdk.klaviyo.errors.KlaviyoTimeoutException;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.errors.NotFoundException;
import io.github.kvsdk.klaviyo.retry.RetryPolicy;
import io.github.kvsdk.klaviyo.testing.FakeClock;
import io.github.kvsdk.klaviyo.testing.RecordingSleeper;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class RawRequestsTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final FakeClock clock = new FakeClock();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);

  private KlaviyoClient client() {
    return KlaviyoClient.builder()
        .apiKey(TestKeys.API_KEY)
        .baseUrl(server.url("/"))
        .rateLimiting(false)
        .retryPolicy(RetryPolicy.builder().sleeper(sleeper).clock(clock).random(() -> 0.5).build())
        .build();
  }

  private RecordedRequest send(RawRequest.Builder request) throws Exception {
    server.enqueue(new MockResponse.Builder().body("{}").build());
    client().raw().send(request.build());
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).body("{\"errors\":[]}").build();
  }

  @Test
  void apiPathsAreUsedAsGiven() throws Exception {
    RecordedRequest request = send(RawRequest.builder().url("/api/accounts"));
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/api/accounts");
  }

  @Test
  void otherPathsAreRelativeToApiLikeTheSecondSeed() throws Exception {
    RecordedRequest request = send(RawRequest.builder().url("/profiles?page[size]=20"));
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/profiles");
    assertThat(request.getUrl().queryParameter("page[size]")).isEqualTo("20");
  }

  @Test
  void clientAndOauthPathsAreNotPrefixed() throws Exception {
    assertThat(send(RawRequest.builder().url("/client/profiles")).getUrl().encodedPath()).isEqualTo("/client/profiles");
  }

  @Test
  void absoluteUrlsOnlyForTheConfiguredHost() throws Exception {
    HttpUrl next = server.url("/api/profiles?page[cursor]=abc");
    assertThat(send(RawRequest.builder().url(next.toString())).getUrl().queryParameter("page[cursor]")).isEqualTo("abc");

    KlaviyoClient client = client();
    for (String bad : new String[] {"https://evil.example/api/accounts", "http://127.0.0.2:" + server.getPort() + "/api"}) {
      assertThatThrownBy(() -> client.raw().send(RawRequest.get(bad)))
          .as(bad)
          .isInstanceOf(KlaviyoValidationException.class)
          .hasMessageStartingWith("url: absolute URLs must point at the configured base URL");
    }
  }

  @Test
  void malformedUrlsAreRejectedBeforeSending() {
    for (String bad : new String[] {"api/accounts", "//evil.example/api", "", "/api/a b", "/api/x#frag",
        "/api/../oauth/token", "/api/%2e%2e/x", "ftp://a.klaviyo.com/x", "/api\\x"}) {
      assertThatThrownBy(() -> client().raw().send(RawRequest.get(bad)))
          .as(bad)
          .isInstanceOf(KlaviyoValidationException.class)
          .satisfies(e -> assertThat(((KlaviyoValidationException) e).field()).isEqualTo("url"));
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void methodIsSentAndValidated() throws Exception {
    assertThat(send(RawRequest.builder().url("/api/lists/abc").method("delete")).getMethod()).isEqualTo("DELETE");
    assertThat(send(RawRequest.builder().url("/api/lists/abc").method("PATCH").jsonBody(Map.of())).getMethod())
        .isEqualTo("PATCH");
    assertThatThrownBy(() -> RawRequest.builder().method("TRACE"))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageStartingWith("method: ");
  }

  @Test
  void bodylessPostSendsEmptyBody() throws Exception {
    RecordedRequest request = send(RawRequest.builder().url("/api/x").method("POST"));
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void jsonBodyTreeIsSerializedAsJsonApi() throws Exception {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("name", "Newsletter");
    attributes.put("opt_in", null);
    RecordedRequest request = send(RawRequest.builder().url("/api/lists").method("POST")
        .jsonBody(Map.of("data", Map.of("type", "list", "attributes", attributes))));
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/vnd.api+json");
    assertThat(request.getBody().utf8()).contains("\"type\":\"list\"").contains("\"name\":\"Newsletter\"")
        .contains("\"opt_in\":null");
  }

  @Test
  void jsonBodyStringIsSentVerbatimAfterValidation() throws Exception {
    RecordedRequest request = send(RawRequest.builder().url("/api/lists").method("POST")
        .jsonBody("{\"data\": {\"type\": \"list\"}}").header("Content-Type", "application/json"));
    assertThat(request.getBody().utf8()).isEqualTo("{\"data\": {\"type\": \"list\"}}");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");

    assertThatThrownBy(() -> client().raw().send(RawRequest.builder().url("/api/lists").method("POST")
        .jsonBody("{not json").build()))
        .isInstanceOf(KlaviyoValidationException.class).hasMessageStartingWith("data: is not valid JSON");
  }

  @Test
  void formAndFileDataAreSentAsMultipartWithFileNames() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
    RecordedRequest request = send(RawRequest.builder().url("/api/image-upload").method("POST")
        .formData("name", "Logo")
        .formData(Map.of("hidden", "false"))
        .fileData("file", png, "logo.png")
        .fileData("other", new byte[] {1, 2}));
    assertThat(request.getHeaders().get("Content-Type")).startsWith("multipart/form-data; boundary=");
    String body = request.getBody().string(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(body).contains("Content-Disposition: form-data; name=\"name\"\r\n\r\nLogo");
    assertThat(body.indexOf("name=\"name\"")).isLessThan(body.indexOf("name=\"hidden\""));
    assertThat(body).contains("Content-Disposition: form-data; name=\"hidden\"");
    assertThat(body).contains("Content-Disposition: form-data; name=\"file\"; filename=\"logo.png\"");
    assertThat(body).contains("Content-Disposition: form-data; name=\"other\"; filename=\"other\"");
    assertThat(body).contains("\u0089PNG");
  }

  @Test
  void bodyCombinationsAreValidated() {
    assertThatThrownBy(() -> RawRequest.builder().url("/api/x").method("POST").jsonBody(Map.of())
        .formData("a", "b").build()).hasMessageStartingWith("data: cannot be combined");
    assertThatThrownBy(() -> RawRequest.builder().url("/api/x").jsonBody(Map.of()).build())
        .hasMessageStartingWith("data: GET requests cannot have a body");
    assertThatThrownBy(() -> RawRequest.builder().url("/api/x").method("POST").fileData("a", new byte[0])
        .fileName("b", "b.png").build())
        .hasMessageStartingWith("fileDataFileNames: key 'b' has no matching fileData entry");
    assertThatThrownBy(() -> RawRequest.builder().fileName("a", "evil\".png"))
        .hasMessageStartingWith("fileDataFileNames: ");
  }

  @Test
  void queryParametersAreEncodedAndAppended() throws Exception {
    RecordedRequest request = send(RawRequest.builder().url("/api/profiles?page[size]=5")
        .queryParameter("filter", "equals(email,\"a+b@example.com\")")
        .queryParameter("fields[profile]", "email,first_name"));
    HttpUrl url = request.getUrl();
    assertThat(url.queryParameter("page[size]")).isEqualTo("5");
    assertThat(url.queryParameter("filter")).isEqualTo("equals(email,\"a+b@example.com\")");
    assertThat(url.queryParameter("fields[profile]")).isEqualTo("email,first_name");
    assertThat(url.encodedQuery()).contains("a%2Bb%40example.com");
  }

  @Test
  void headersAreSentAndCanOverrideRevision() throws Exception {
    RecordedRequest request = send(RawRequest.builder().url("/api/x").header("X-Custom", "1")
        .header("revision", "2023-12-15"));
    assertThat(request.getHeaders().get("X-Custom")).isEqualTo("1");
    assertThat(request.getHeaders().values("revision")).containsExactly("2023-12-15");
    assertThatThrownBy(() -> RawRequest.builder().header("Bad Name", "v")).hasMessageStartingWith("headers: ");
    assertThatThrownBy(() -> RawRequest.builder().header("X", "a\r\nInjected: 1"))
        .hasMessageStartingWith("headers: ").hasMessageNotContaining("Injected");
  }

  @Test
  void excludeAuthorizationSendsNoAuthorizationHeader() throws Exception {
    RecordedRequest request = send(RawRequest.builder().url("/client/subscriptions?company_id=AbC123")
        .method("POST").jsonBody(Map.of("data", Map.of())).excludeAuthorization(true));
    assertThat(request.getHeaders().get("Authorization")).isNull();
    assertThat(request.getUrl().queryParameter("company_id")).isEqualTo("AbC123");
    assertThat(request.getHeaders().get("revision")).isEqualTo(io.github.kvsdk.klaviyo.KlaviyoClient.DEFAULT_REVISION);
    assertThatThrownBy(() -> RawRequest.builder().url("/client/x").excludeAuthorization(true)
        .header("Authorization", "x").build()).hasMessageStartingWith("headers: ");
  }

  @Test
  void responseTypesDecodeTheBody() {
    server.enqueue(new MockResponse.Builder().body("{\"data\":[{\"id\":\"1\"}]}").build());
    server.enqueue(new MockResponse.Builder().body("plain text").build());
    server.enqueue(new MockResponse.Builder().body(new Buffer().write(new byte[] {0, 1, 2, (byte) 255})).build());
    server.enqueue(new MockResponse.Builder().code(502).body("<html>Bad gateway</html>").build());
    server.enqueue(new MockResponse.Builder().code(204).build());
    KlaviyoClient client = client();

    RawResponse json = client.raw().send(RawRequest.get("/api/a"));
    assertThat(json.body()).isEqualTo(Map.of("data", List.of(Map.of("id", "1"))));
    RawResponse text = client.raw().send(RawRequest.builder().url("/api/a").responseType(ResponseType.TEXT).build());
    assertThat(text.body()).isEqualTo("plain text");
    RawResponse binary = client.raw().send(RawRequest.builder().url("/api/a").responseType(ResponseType.BINARY).build());
    assertThat((byte[]) binary.body()).containsExactly(0, 1, 2, 255);
    RawResponse html = client.raw().send(RawRequest.builder().url("/api/a").build());
    assertThat(html.statusCode()).isEqualTo(502);
    assertThat(html.json()).isNull();
    assertThat(html.body()).isEqualTo("<html>Bad gateway</html>");
    RawResponse empty = client.raw().send(RawRequest.get("/api/a"));
    assertThat(empty.statusCode()).isEqualTo(204);
    assertThat(empty.body()).isNull();
  }

  @Test
  void errorsAreReturnedByDefaultAndThrownOnRequest() {
    server.enqueue(status(404));
    server.enqueue(new MockResponse.Builder().code(400)
        .body("{\"errors\":[{\"id\":\"e\",\"code\":\"invalid\",\"detail\":\"bad\"}]}").build());
    KlaviyoClient client = client();
    assertThat(client.raw().send(RawRequest.get("/api/x")).statusCode()).isEqualTo(404);
    assertThatThrownBy(() -> client.raw().send(RawRequest.builder().url("/api/x").throwOnError(true).build()))
        .isInstanceOf(BadRequestException.class)
        .satisfies(e -> assertThat(((BadRequestException) e).errorIds()).containsExactly("e"));
  }

  @Test
  void timeoutBoundsTheRequest() {
    server.enqueue(new MockResponse.Builder().body("{}").headersDelay(2, TimeUnit.SECONDS).build());
    assertThatThrownBy(() -> client().raw().send(RawRequest.builder().url("/api/x")
        .timeout(Duration.ofMillis(200)).build()))
        .isInstanceOf(KlaviyoTimeoutException.class);
    assertThatThrownBy(() -> RawRequest.builder().timeout(Duration.ZERO)).hasMessageStartingWith("timeout: ");
  }

  @Test
  void noRetriesByDefault() {
    server.enqueue(status(503));
    server.enqueue(status(200));
    assertThat(client().raw().send(RawRequest.get("/api/x")).statusCode()).isEqualTo(503);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void maxRetryCountWithFixedRetryDelay() {
    for (int i = 0; i < 3; i++) server.enqueue(status(500));
    server.enqueue(status(200));
    RawResponse response = client().raw().send(RawRequest.builder().url("/api/x")
        .maxRetries(3).retryDelayMillis(250).build());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250), Duration.ofMillis(250));
  }

  @Test
  void exponentialBackoffIgnoresRetryDelay() {
    for (int i = 0; i < 3; i++) server.enqueue(status(503));
    server.enqueue(status(200));
    client().raw().send(RawRequest.builder().url("/api/x")
        .maxRetries(3).retryDelayMillis(9999).exponentialBackoff(true).build());
    // Random pinned at 0.5: half of the 0.5 s, 1 s and 2 s ceilings.
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void onlyServerErrorsAreRetriedUnlessRetryOnAllErrors() {
    server.enqueue(status(404));
    assertThat(client().raw().send(RawRequest.builder().url("/api/x").maxRetries(2).build()).statusCode())
        .isEqualTo(404);
    assertThat(server.getRequestCount()).isEqualTo(1);

    server.enqueue(status(404));
    server.enqueue(status(409));
    server.enqueue(status(200));
    assertThat(client().raw().send(RawRequest.builder().url("/api/y").maxRetries(2).retryOnAllErrors(true).build())
        .statusCode()).isEqualTo(200);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void retryOnAllErrorsIsTheOptInForRetryingCreates() {
    server.enqueue(status(503));
    server.enqueue(status(201));
    RawRequest.Builder create = RawRequest.builder().url("/api/profiles").method("POST").jsonBody(Map.of()).maxRetries(1);
    assertThat(client().raw().send(create.build()).statusCode()).isEqualTo(503);

    server.enqueue(status(503));
    server.enqueue(status(201));
    assertThat(client().raw().send(create.retryOnAllErrors(true).build()).statusCode()).isEqualTo(201);
  }

  @Test
  void retryOptionsAreValidated() {
    assertThatThrownBy(() -> RawRequest.builder().maxRetries(-1)).hasMessageStartingWith("maxRetryCount: ");
    assertThatThrownBy(() -> RawRequest.builder().maxRetries(11)).hasMessageStartingWith("maxRetryCount: ");
    assertThatThrownBy(() -> RawRequest.builder().retryDelayMillis(-5)).hasMessageStartingWith("retryDelay: ");
    assertThatThrownBy(() -> RawRequest.builder().build()).hasMessageStartingWith("url: is required");
  }

  @Test
  void sendAsyncDoesNotBlockTheCaller() throws Exception {
    // A blocking send would return a completed future 2 s later; an asynchronous one returns at once.
    server.enqueue(new MockResponse.Builder().body("{\"ok\":true}").headersDelay(2, TimeUnit.SECONDS).build());
    CompletableFuture<RawResponse> future = client().raw().sendAsync(RawRequest.get("/api/x"));
    assertThat(future).isNotDone();
    assertThat(future.get(5, TimeUnit.SECONDS).json()).isEqualTo(Map.of("ok", true));
  }

  @Test
  void sendAsyncReportsValidationAndApiErrorsThroughTheFuture() {
    CompletableFuture<RawResponse> invalid = client().raw().sendAsync(RawRequest.get("https://evil.example/x"));
    assertThatThrownBy(() -> invalid.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(KlaviyoValidationException.class);

    server.enqueue(status(404));
    CompletableFuture<RawResponse> notFound = client().raw().sendAsync(
        RawRequest.builder().url("/api/x").throwOnError(true).build());
    assertThatThrownBy(() -> notFound.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(NotFoundException.class);
  }

  @Test
  void cancellingTheFutureCancelsTheCall() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{}").headersDelay(5, TimeUnit.SECONDS).build());
    KlaviyoClient client = client();
    CompletableFuture<RawResponse> future = client.raw().sendAsync(RawRequest.get("/api/x"));
    server.takeRequest(5, TimeUnit.SECONDS);
    future.cancel(true);
    await("the cancelled call stops running").atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10))
        .until(() -> client.httpClient().dispatcher().runningCallsCount() == 0);
  }

  @Test
  void toStringOmitsQueryAndHeaders() {
    RawRequest request = RawRequest.builder().url("/api/profiles?filter=equals(email,\"x@y.z\")")
        .header("X-Secret", "hunter2").build();
    assertThat(request.toString()).isEqualTo("RawRequest{GET /api/profiles, responseType=JSON, maxRetries=0}");
  }
}
