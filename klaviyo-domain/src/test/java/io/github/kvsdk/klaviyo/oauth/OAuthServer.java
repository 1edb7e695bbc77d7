package io.github.kvsdk.klaviyo.oauth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A MockWebServer dispatcher playing Klaviyo: {@code /oauth/token} issues access token {@code access-N} and
 * refresh token {@code refresh-N} on the N-th call; {@code /oauth/revoke} accepts; {@code /api/*} answers 200 only
 * to the newest access token, 401 otherwise.
 */
final class OAuthServer extends Dispatcher {
  final AtomicInteger tokenCalls = new AtomicInteger();
  final List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();
  final List<RecordedRequest> apiRequests = new CopyOnWriteArrayList<>();
  final List<RecordedRequest> revokeRequests = new CopyOnWriteArrayList<>();
  final Map<String, Boolean> validAccessTokens = new ConcurrentHashMap<>();
  /** While set, each token request waits for it before answering, so the test decides when a refresh ends. */
  volatile CountDownLatch tokenRelease;
  volatile IntFunction<MockResponse> tokenResponse = n -> tokenJson(n, true);

  static MockResponse tokenJson(int n, boolean rotate) {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json")
        .body("{\"access_token\":\"access-" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
            + (rotate ? "\"refresh_token\":\"refresh-" + n + "\"," : "") + "\"scope\":\"accounts:read\"}")
        .build();
  }

  void acceptAccessToken(String token) {
    validAccessTokens.put(token, true);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    HttpUrl url = request.getUrl();
    if (url.encodedPath().equals("/oauth/token")) {
      tokenRequests.add(request);
      int n = tokenCalls.incrementAndGet();
      CountDownLatch release = tokenRelease;
      if (release != null && !release.await(10, TimeUnit.SECONDS)) {
        return new MockResponse.Builder().code(503).body("{\"error\":\"the test never released the token request\"}")
            .build();
      }
      MockResponse response = tokenResponse.apply(n);
      if (response.getCode() == 200) {
        validAccessTokens.clear();
        acceptAccessToken("access-" + n);
      }
      return response;
    }
    if (url.encodedPath().equals("/oauth/revoke")) {
      revokeRequests.add(request);
      return new MockResponse.Builder().code(200).build();
    }
    apiRequests.add(request);
    String authorization = request.getHeaders().get("Authorization");
    if (authorization != null && authorization.startsWith("Bearer ")
        && validAccessTokens.containsKey(authorization.substring(7))) {
      return new MockResponse.Builder().body("{\"data\":[]}").build();
    }
    return new MockResponse.Builder().code(401)
        .body("{\"errors\":[{\"status\":401,\"code\":\"not_authenticated\",\"title\":\"Not authenticated\"}]}")
        .build();
  }
}
