package io.github.kvsdk.klaviyo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.errors.KlaviyoNetworkException;
import io.github.kvsdk.klaviyo.errors.KlaviyoUnexpectedResponseException;
import io.github.kvsdk.klaviyo.errors.NotFoundException;
import io.github.kvsdk.klaviyo.http.KlaviyoCalls;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.http.GET;
import retrofit2.http.Path;

class ServiceTest {
  /** A stand-in for a generated Retrofit service. */
  interface AccountsApi {
    @GET("api/accounts/{id}")
    Call<Map<String, Object>> getAccount(@Path("id") String id);
  }

  @StartStop private final MockWebServer server = new MockWebServer();

  private KlaviyoClient client() {
    return KlaviyoClient.builder().apiKey(TestKeys.API_KEY).baseUrl(server.url("/")).rateLimiting(false).build();
  }

  @Test
  void serviceInstancesAreCachedAndUseTheConfiguredStack() throws Exception {
    KlaviyoClient client = client();
    AccountsApi api = client.service(AccountsApi.class);
    assertThat(client.service(AccountsApi.class)).isSameAs(api);

    server.enqueue(new MockResponse.Builder().body("{\"data\":{\"id\":\"AbC123\"}}").build());
    Map<String, Object> account = KlaviyoCalls.execute(api.getAccount("AbC123"));

    assertThat(account).containsKey("data");
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/accounts/AbC123");
    assertThat(request.getHeaders().get("Authorization")).startsWith("Klaviyo-API-Key ");
    assertThat(request.getHeaders().get("revision")).isEqualTo(io.github.kvsdk.klaviyo.KlaviyoClient.DEFAULT_REVISION);
  }

  @Test
  void executeMapsErrorStatusToTypedException() {
    server.enqueue(new MockResponse.Builder().code(404)
        .body("{\"errors\":[{\"id\":\"e1\",\"status\":404,\"code\":\"not_found\",\"title\":\"Not found\"}]}").build());
    assertThatThrownBy(() -> KlaviyoCalls.execute(client().service(AccountsApi.class).getAccount("nope")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("HTTP 404 GET /api/accounts/nope");
  }

  @Test
  void executeAsyncCompletesOnTheDispatcher() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{\"data\":{\"id\":\"x\"}}").build());
    String caller = Thread.currentThread().getName();
    CompletableFuture<String> thread = KlaviyoCalls.executeAsync(client().service(AccountsApi.class).getAccount("x"))
        .thenApply(body -> Thread.currentThread().getName());
    assertThat(thread.get(5, TimeUnit.SECONDS)).isNotEqualTo(caller);
  }

  @Test
  void executeAsyncFailsWithTypedExceptions() {
    server.enqueue(new MockResponse.Builder().code(404).body("{}").build());
    CompletableFuture<Map<String, Object>> future =
        KlaviyoCalls.executeAsync(client().service(AccountsApi.class).getAccount("x"));
    assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(NotFoundException.class);
  }

  @Test
  void executeAsyncReportsNetworkFailures() {
    // The socket closes before a status line: no HTTP response at all. (OkHttp may retry a stale connection
    // once, so the failure is queued twice.)
    for (int i = 0; i < 2; i++) {
      server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    }
    KlaviyoClient client = client().withOptions(b -> b.retryPolicy(io.github.kvsdk.klaviyo.retry.RetryPolicy.none()));
    CompletableFuture<Map<String, Object>> future =
        KlaviyoCalls.executeAsync(client.service(AccountsApi.class).getAccount("x"));
    assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(KlaviyoNetworkException.class);
  }

  @Test
  void aBodyThatDoesNotBindIsAnUnexpectedResponseNotANetworkFailure() {
    AccountsApi api = client().service(AccountsApi.class);
    server.enqueue(new MockResponse.Builder().body("[1]").build());
    assertThatThrownBy(() -> KlaviyoCalls.execute(api.getAccount("x")))
        .isInstanceOf(KlaviyoUnexpectedResponseException.class)
        .hasMessage("GET /api/accounts/x returned a document that does not fit the pinned revision's schema: "
            + "Expected BEGIN_OBJECT but was BEGIN_ARRAY at path $");
    server.enqueue(new MockResponse.Builder().body("{\"data\":").build());
    assertThatThrownBy(() -> KlaviyoCalls.execute(api.getAccount("y")))
        .isInstanceOf(KlaviyoUnexpectedResponseException.class)
        .hasMessageStartingWith("GET /api/accounts/y returned malformed JSON: ");
    server.enqueue(new MockResponse.Builder().body("{\"data\" 1}").build());
    CompletableFuture<Map<String, Object>> future = KlaviyoCalls.executeAsync(api.getAccount("z"));
    assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(KlaviyoUnexpectedResponseException.class)
        .hasMessageStartingWith("GET /api/accounts/z returned malformed JSON: ");
  }

  @Test
  void aTypedActionReadsAnEnumValueThePinnedRevisionDoesNotList() {
    KlaviyoClient client = client();
    server.enqueue(new MockResponse.Builder()
        .body("{\"data\":{\"type\":\"profile-v2\",\"id\":\"p1\",\"attributes\":{\"email\":\"a@example.com\"}}}")
        .build());
    var profile = client.profiles().get("p1").getData();
    assertThat(profile.getType().isKnown()).isFalse();
    assertThat(profile.getType().getValue()).isEqualTo("profile-v2");
    assertThat(profile.getAttributes().getEmail()).isEqualTo("a@example.com");
  }

  @Test
  void aTypedBodyThatDoesNotFitTheModelIsAnUnexpectedResponse() {
    KlaviyoClient client = client();
    server.enqueue(new MockResponse.Builder()
        .body("{\"data\":{\"type\":\"profile\",\"id\":\"p1\",\"attributes\":\"flat\"}}").build());
    assertThatThrownBy(() -> client.profiles().get("p1"))
        .isInstanceOf(KlaviyoUnexpectedResponseException.class)
        .hasMessageStartingWith("GET /api/profiles/p1 returned a document that does not fit")
        .hasMessageContaining("$.data.attributes");
    server.enqueue(new MockResponse.Builder()
        .body("{\"data\":[{\"type\":\"profile\",\"id\":{\"x\":1}}],\"links\":{}}").build());
    assertThatThrownBy(() -> client.profiles().list(null))
        .isInstanceOf(KlaviyoUnexpectedResponseException.class)
        .hasMessageStartingWith("GET /api/profiles returned a document that does not fit")
        .hasMessageContaining("$.data[0].id");
  }
}
