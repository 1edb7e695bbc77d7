package io.github.kvsdk.klaviyo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.oauth.FileTokenStore;
import io.github.kvsdk.klaviyo.oauth.InMemoryTokenStore;
import io.github.kvsdk.klaviyo.oauth.OAuthClientCredentials;
import io.github.kvsdk.klaviyo.oauth.OAuthSession;
import io.github.kvsdk.klaviyo.oauth.OAuthTokenClient;
import io.github.kvsdk.klaviyo.oauth.OAuthTokens;
import io.github.kvsdk.klaviyo.oauth.TokenTypeHint;
import io.github.kvsdk.klaviyo.raw.RawRequest;
import io.github.kvsdk.klaviyo.retry.RetryPolicy;
import io.github.kvsdk.klaviyo.testing.CapturedStderr;
import io.github.kvsdk.klaviyo.testing.FakeClock;
import io.github.kvsdk.klaviyo.testing.RecordingSleeper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives every path that logs or throws (success, client and server errors, retries, timeouts, OAuth exchange,
 * refresh, 401, invalid_grant, revoke, corrupt token files, bad input) with canary credentials, then checks that
 * no canary appears in any log line, exception message, stack trace or toString.
 */
class RedactionTest {
  private static final String API_KEY = "pk_CANARYapikey0123456789abcdef0123";
  private static final String ACCESS_TOKEN = "CANARY-access-token-7f3a";
  private static final String REFRESH_TOKEN = "CANARY-refresh-token-91bc";
  private static final String CLIENT_SECRET = "CANARY-client-secret-55de";
  private static final String NEW_ACCESS_TOKEN = "CANARY-new-access-0d1e";
  private static final String NEW_REFRESH_TOKEN = "CANARY-new-refresh-3c4b";
  private static final List<String> CANARIES = List.of(API_KEY, "CANARYapikey", ACCESS_TOKEN, REFRESH_TOKEN,
      CLIENT_SECRET, NEW_ACCESS_TOKEN, NEW_REFRESH_TOKEN, "Q0FOQVJZ" /* base64 of "CANARY" */);

  @StartStop private final MockWebServer server = new MockWebServer();
  @TempDir Path dir;
  private final List<String> texts = new ArrayList<>();
  private final FakeClock clock = new FakeClock();

  /** Maps a response the way actions do, keeping the exception's text. */
  private static final class KlaviyoErrorMapperAccess {
    static String map(okhttp3.Response response) {
      StringWriter trace = new StringWriter();
      io.github.kvsdk.klaviyo.errors.internal.KlaviyoErrorMapper.fromResponse(response).printStackTrace(new PrintWriter(trace));
      return trace.toString();
    }
  }

  private void record(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    texts.add(trace.toString());
    texts.add(String.valueOf(e));
  }

  private void attempt(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      record(e);
    }
  }

  @Test
  void canaryCredentialsNeverAppearInLogsOrExceptions() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        String path = request.getUrl().encodedPath();
        String authorization = String.valueOf(request.getHeaders().get("Authorization"));
        return switch (path) {
          case "/oauth/token" -> request.getBody().utf8().contains("refresh_token=" + NEW_REFRESH_TOKEN)
              ? new MockResponse.Builder().code(400).body("{\"error\":\"invalid_grant\"}").build()
              : new MockResponse.Builder().body("{\"access_token\":\"" + NEW_ACCESS_TOKEN + "\",\"refresh_token\":\""
                  + NEW_REFRESH_TOKEN + "\",\"expires_in\":3600}").build();
          case "/oauth/revoke" -> new MockResponse.Builder().body("").build();
          case "/api/ok" -> new MockResponse.Builder().body("{}").build();
          case "/api/slow" -> new MockResponse.Builder().body("{}").headersDelay(1, TimeUnit.SECONDS).build();
          case "/api/oauth-only" -> authorization.equals("Bearer " + NEW_ACCESS_TOKEN)
              ? new MockResponse.Builder().body("{}").build()
              : new MockResponse.Builder().code(401).body("{\"errors\":[{\"code\":\"not_authenticated\"}]}").build();
          case "/api/throttled" -> new MockResponse.Builder().code(429).addHeader("Retry-After", "1")
              .body("{\"errors\":[{\"status\":429,\"code\":\"throttled\",\"title\":\"Request was throttled.\"}]}")
              .build();
          default -> new MockResponse.Builder().code(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)))
              .body("{\"errors\":[{\"id\":\"e\",\"code\":\"x\",\"detail\":\"failed\"}]}").build();
        };
      }
    });
    RetryPolicy retries = RetryPolicy.builder().sleeper(new RecordingSleeper(clock)).clock(clock).build();

    String log;
    try (CapturedStderr stderr = new CapturedStderr()) {
      // API key: success, every error family with and without throwing, retries, timeout, network failure.
      KlaviyoClient client = KlaviyoClient.builder().apiKey(API_KEY).baseUrl(server.url("/")).retryPolicy(retries)
          .rateLimiting(false).readTimeout(Duration.ofMillis(500)).build();
      texts.add(client.toString());
      client.raw().send(RawRequest.get("/api/ok?api_key=" + API_KEY));
      for (int status : new int[] {400, 401, 403, 404, 409, 500, 503}) {
        client.raw().send(RawRequest.get("/api/status/" + status));
        attempt(() -> client.raw().send(RawRequest.builder().url("/api/status/" + status).throwOnError(true).build()));
      }
      attempt(() -> client.raw().send(RawRequest.builder().url("/api/throttled").throwOnError(true).build()));
      for (String path : new String[] {"/api/status/503", "/api/throttled"}) { // Client policy: retried.
        try (okhttp3.Response response = client.httpClient().newCall(
            new okhttp3.Request.Builder().url(server.url(path)).build()).execute()) {
          texts.add(KlaviyoErrorMapperAccess.map(response));
        }
      }
      attempt(() -> client.raw().send(RawRequest.get("/api/slow")));
      attempt(() -> KlaviyoClient.builder().apiKey(API_KEY)
          .baseUrl("http://127.0.0.1:1").retryPolicy(RetryPolicy.none()).build()
          .raw().send(RawRequest.get("/api/ok")));
      attempt(() -> RawRequest.builder().url("/api/ok").header("Authorization", "Klaviyo-API-Key " + API_KEY));
      RawRequest withHeader = RawRequest.builder().url("/api/ok").header("X-Api-Key", "Klaviyo-API-Key " + API_KEY)
          .build();
      texts.add(withHeader.toString());
      client.raw().send(withHeader);

      // Bad input that contains secrets.
      attempt(() -> KlaviyoClient.builder().apiKey("sk" + API_KEY.substring(2)));
      attempt(() -> KlaviyoClient.builder().apiKey(API_KEY + " "));
      attempt(() -> KlaviyoClient.builder().apiKey(API_KEY + "!"));
      attempt(() -> OAuthClientCredentials.of("client", CLIENT_SECRET + " x"));
      attempt(() -> RawRequest.builder().header("X-Key", API_KEY + "\n"));

      // OAuth: exchange, refresh ahead of expiry, 401-driven refresh, invalid_grant, revoke.
      OAuthTokenClient tokenClient = OAuthTokenClient.builder()
          .credentials(OAuthClientCredentials.of("client-id", CLIENT_SECRET))
          .baseUrl(server.url("/"))
          .clock(clock)
          .build();
      texts.add(tokenClient.toString());
      texts.add(tokenClient.exchangeCode("code", "v".repeat(43), "https://example.com/cb").toString());
      InMemoryTokenStore store = new InMemoryTokenStore(
          new OAuthTokens(ACCESS_TOKEN, REFRESH_TOKEN, clock.instant().plusSeconds(3600), "accounts:read"));
      OAuthSession session = OAuthSession.builder().tokenClient(tokenClient).tokenStore(store).clock(clock).build();
      texts.add(session.toString());
      KlaviyoClient oauthClient = KlaviyoClient.builder().oauth(session).baseUrl(server.url("/"))
          .retryPolicy(retries).rateLimiting(false).build();
      texts.add(oauthClient.toString());
      oauthClient.raw().send(RawRequest.get("/api/oauth-only")); // 401, refresh, resend
      texts.add(String.valueOf(store.load()));
      clock.advance(Duration.ofHours(2));
      attempt(() -> oauthClient.raw().send(RawRequest.get("/api/oauth-only"))); // refresh -> invalid_grant
      attempt(() -> tokenClient.refresh(NEW_REFRESH_TOKEN));
      tokenClient.revoke(ACCESS_TOKEN, TokenTypeHint.ACCESS_TOKEN);

      // File store: save, loose permissions warning, corrupt file.
      Path file = dir.resolve("tokens.json");
      FileTokenStore fileStore = new FileTokenStore(file);
      fileStore.save(new OAuthTokens(ACCESS_TOKEN, REFRESH_TOKEN, null, null));
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      texts.add(String.valueOf(fileStore.load()));
      Files.writeString(file, "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_at\":\"" + REFRESH_TOKEN + "\"}");
      attempt(fileStore::load);
      Files.writeString(file, "{\"access_token\":\"" + ACCESS_TOKEN);
      attempt(fileStore::load);

      log = stderr.text();
    }

    // The capture really saw the SDK's logging, including retries and OAuth.
    assertThat(log).contains("GET /api/ok -> 200").contains("GET /api/status/401 -> 401")
        .contains("Retrying GET /api/status/503").contains("Retrying GET /api/throttled").contains("POST /oauth/token (refresh_token) -> 200")
        .contains("Refreshing the OAuth access token").contains("is accessible to other users");
    assertThat(texts).hasSizeGreaterThan(30);
    for (String canary : CANARIES) {
      assertThat(log).as("log output").doesNotContain(canary);
      for (String text : texts) assertThat(text).as("exception or toString").doesNotContain(canary);
    }
  }
}
