package io.github.kvsdk.klaviyo.sandbox.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.oauth.SandboxOAuth;
import io.github.kvsdk.klaviyo.sandbox.ratelimit.RateLimit;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp.Reply;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Credentials;
import org.junit.jupiter.api.Test;

final class RateLimitTest {
  @Test
  void burstLimitFromTheSpecThrottlesWithRetryAfterAndTheThrottledDocument() {
    // get_accounts: burst 1/s, steady 15/m in x-klaviyo-ratelimit.
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder().rateLimits(true).start()) {
      SandboxHttp http = new SandboxHttp(sandbox);
      Reply first = http.get("/api/accounts");
      Reply second = http.get("/api/accounts");

      assertThat(first.status()).isEqualTo(200);
      assertThat(first.headers().get("RateLimit-Limit")).isEqualTo("15");
      assertThat(first.headers().get("RateLimit-Remaining")).isEqualTo("14");
      assertThat(Integer.parseInt(first.headers().get("RateLimit-Reset"))).isBetween(1, 60);
      if (second.status() == 429) {
        assertThat(second.headers().get("Retry-After")).isEqualTo("1");
        assertThat(second.firstError()).containsEntry("code", "throttled").containsEntry("status", 429L)
            .containsEntry("title", "Request was throttled.");
        assertThat((String) second.firstError().get("detail")).startsWith("Request was throttled. Expected available in");
      } else {
        // The two calls straddled a second boundary; the window reset is then visible in the count.
        assertThat(second.headers().get("RateLimit-Remaining")).isEqualTo("13");
      }
    }
  }

  @Test
  void profileCountIsComputedAndHasItsOwnStricterQuota() {
    // get_list: 75/s, 700/m; with additional-fields[list]=profile_count: 1/s, 15/m (from the description).
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder().rateLimits(true)
        .seed(io.github.kvsdk.klaviyo.sandbox.seed.SeedPlan.builder().profiles(3).lists(1).build()).start()) {
      SandboxHttp http = new SandboxHttp(sandbox);
      String listId = sandbox.state().lists().all().get(0).id();
      sandbox.state().addToList(listId, sandbox.state().profiles().all().stream().map(r -> r.id()).toList());
      int throttled = 0;
      Reply counted = null;
      for (int i = 0; i < 10; i++) {
        Reply reply = http.get("/api/lists/" + listId + "?additional-fields%5Blist%5D=profile_count");
        if (reply.status() == 429) {
          throttled++;
        } else {
          counted = reply;
        }
      }
      assertThat(throttled).isPositive();
      assertThat(counted.attributes()).containsEntry("profile_count", 3L);
      for (int i = 0; i < 10; i++) {
        Reply plain = http.get("/api/lists/" + listId);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.attributes()).doesNotContainKey("profile_count");
      }
    }
  }

  @Test
  void limitsAreCountedPerCredentialAndPerOperation() {
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder().rateLimits(true).apiKey("pk_second_key").start()) {
      RateLimiter limiter = sandbox.rateLimiter();
      RateLimit oneADay = new RateLimit(0, 1, 0);
      assertThat(limiter.acquire("a", "op", oneADay).allowed()).isTrue();
      assertThat(limiter.acquire("a", "op", oneADay).allowed()).isFalse();
      assertThat(limiter.acquire("b", "op", oneADay).allowed()).isTrue();
      assertThat(limiter.acquire("a", "other", oneADay).allowed()).isTrue();
    }
  }

  @Test
  void apiKeysAndOAuthTokensOfTheAccountShareOneBudget() {
    // get_accounts: burst 1/s. At a time scale of one millionth, a window lasts about 11 days of real time,
    // so every call of this test falls into the same windows.
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder().rateLimits(true).timeScale(1e-6)
        .apiKey("pk_second_key_of_the_account").start()) {
      sandbox.oauth().registerClient("client-1", "secret-1", "https://app.example.com/callback");
      String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk0123456789";
      String code = sandbox.oauth().issueAuthorizationCode("client-1", List.of("accounts:read"),
          SandboxOAuth.s256(verifier), "https://app.example.com/callback");
      SandboxOAuth.Result token = sandbox.oauth().token(Map.of("grant_type", "authorization_code", "code", code,
          "code_verifier", verifier, "redirect_uri", "https://app.example.com/callback"),
          Credentials.basic("client-1", "secret-1"));
      assertThat(token.status()).isEqualTo(200);
      SandboxHttp firstKey = new SandboxHttp(sandbox);
      SandboxHttp secondKey = new SandboxHttp(sandbox).authorization("Klaviyo-API-Key pk_second_key_of_the_account");
      SandboxHttp bearer = new SandboxHttp(sandbox).authorization("Bearer " + token.body().get("access_token"));

      assertThat(firstKey.get("/api/accounts").status()).isEqualTo(200);
      Reply second = secondKey.get("/api/accounts");
      Reply third = bearer.get("/api/accounts");

      assertThat(second.status()).isEqualTo(429);
      assertThat(second.firstError()).containsEntry("code", "throttled");
      assertThat(third.status()).isEqualTo(429);
      // Another operation has its own budget, whoever calls it.
      assertThat(secondKey.get("/api/profiles").status()).isEqualTo(200);
      sandbox.rateLimiter().reset();
      assertThat(bearer.get("/api/accounts").status()).isEqualTo(200);
      assertThat(firstKey.get("/api/accounts").status()).isEqualTo(429);
    }
  }

  @Test
  void steadyWindowExhaustsAndRecoversUnderATimeScale() {
    AtomicLong nanos = new AtomicLong();
    // One minute passes in 100 ms; the windows start at a minute boundary of the wall clock.
    RateLimiter limiter = new RateLimiter(true, 600, nanos::get, 0);
    RateLimit limit = new RateLimit(1000, 3, 0);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire("k", "op", limit).allowed()).isTrue();
    }
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(50)); // half a scaled minute
    RateLimiter.Decision denied = limiter.acquire("k", "op", limit);
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.remaining()).isZero();
    assertThat(denied.retryAfterSeconds()).isEqualTo(1); // 30 scaled seconds, at least one real second
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(50));
    assertThat(limiter.acquire("k", "op", limit).allowed()).isTrue();
  }

  @Test
  void limitsAreOffByDefaultEmbeddedAndSwitchablePerTest() {
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.start()) {
      SandboxHttp http = new SandboxHttp(sandbox);
      for (int i = 0; i < 20; i++) {
        assertThat(http.get("/api/accounts").status()).isEqualTo(200);
      }
      assertThat(http.get("/api/accounts").headers().get("RateLimit-Limit")).isNull();
      sandbox.rateLimits(true);
      int throttled = 0;
      for (int i = 0; i < 20; i++) {
        if (http.get("/api/accounts").status() == 429) {
          throttled++;
        }
      }
      assertThat(throttled).isGreaterThan(0);
    }
  }
}
