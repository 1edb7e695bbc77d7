package io.github.kvsdk.klaviyo.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp.Reply;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp;
import java.io.IOException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class FaultsTest {
  private KlaviyoSandbox sandbox;
  private SandboxHttp http;
  private final OkHttpClient raw = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

  @BeforeEach
  void start() {
    sandbox = KlaviyoSandbox.start();
    http = new SandboxHttp(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private Request get(String path) {
    return new Request.Builder().url(sandbox.baseUrl() + path)
        .header("Authorization", "Klaviyo-API-Key " + sandbox.defaultApiKey())
        .header("revision", "2024-10-15").build();
  }

  @Test
  void statusFaultAppliesToMatchingPathsForTheGivenCount() {
    Fault fault = Fault.status(503).path("/api/profiles*").times(2);
    sandbox.faults().add(fault);

    assertThat(http.get("/api/profiles").status()).isEqualTo(503);
    assertThat(http.get("/api/accounts").status()).isEqualTo(200);
    Reply second = http.get("/api/profiles/abc");
    assertThat(second.status()).isEqualTo(503);
    assertThat(second.firstError()).containsEntry("status", 503L);
    assertThat(http.get("/api/profiles").status()).isEqualTo(200);
    assertThat(sandbox.faults().firedCount(fault)).isEqualTo(2);
  }

  @Test
  void injected429CarriesRetryAfter() {
    sandbox.faults().add(Fault.status(429).method("GET").times(1));
    Reply reply = http.get("/api/accounts");
    assertThat(reply.status()).isEqualTo(429);
    assertThat(reply.headers().get("Retry-After")).isEqualTo("1");
    assertThat(reply.firstError()).containsEntry("code", "throttled");
  }

  @Test
  void probabilityZeroNeverFiresAndOneAlwaysFires() {
    sandbox.faults().add(Fault.status(500).path("/api/lists").probability(0.0));
    for (int i = 0; i < 5; i++) {
      assertThat(http.get("/api/lists").status()).isEqualTo(200);
    }
    sandbox.faults().clear();
    sandbox.faults().add(Fault.status(500).path("/api/lists").probability(1.0));
    assertThat(http.get("/api/lists").status()).isEqualTo(500);
  }

  @Test
  void delayHoldsTheResponse() throws IOException {
    sandbox.faults().add(Fault.delay(Duration.ofMillis(400)).times(1));
    long start = System.nanoTime();
    try (Response response = raw.newCall(get("/api/accounts")).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void connectionResetFailsTheCall() {
    sandbox.faults().add(Fault.connectionReset().path("/api/accounts").times(1));
    assertThatThrownBy(() -> raw.newCall(get("/api/accounts")).execute().close()).isInstanceOf(IOException.class);
    assertThat(http.get("/api/accounts").status()).isEqualTo(200);
  }

  @Test
  void truncatedBodyEndsEarly() {
    sandbox.faults().add(Fault.truncatedBody().times(1));
    assertThatThrownBy(() -> {
      try (Response response = raw.newCall(get("/api/accounts")).execute()) {
        response.body().string();
      }
    }).isInstanceOf(IOException.class);
  }

  @Test
  void malformedBodyIsNotJson() throws IOException {
    sandbox.faults().add(Fault.malformedBody().times(1));
    try (Response response = raw.newCall(get("/api/accounts")).execute()) {
      String body = response.body().string();
      assertThat(response.code()).isEqualTo(200);
      assertThatThrownBy(() -> io.github.kvsdk.klaviyo.sandbox.internal.json.Json.parse(body))
          .isInstanceOf(io.github.kvsdk.klaviyo.sandbox.internal.json.JsonSyntaxException.class);
    }
  }

  @Test
  void globMatchesWildcards() {
    assertThat(Fault.glob("/api/profiles*", "/api/profiles/abc")).isTrue();
    assertThat(Fault.glob("/api/*/relationships/*", "/api/lists/x/relationships/profiles")).isTrue();
    assertThat(Fault.glob("/api/lists", "/api/lists/x")).isFalse();
    assertThatThrownBy(() -> Fault.status(200)).isInstanceOf(IllegalArgumentException.class);
  }
}
