package io.github.kvsdk.klaviyo.sandbox.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.internal.json.Json;
import io.github.kvsdk.klaviyo.sandbox.oauth.SandboxOAuth;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp;
import java.io.IOException;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class AdminApiTest {
  private KlaviyoSandbox sandbox;
  private final OkHttpClient client = new OkHttpClient();

  @BeforeEach
  void start() {
    sandbox = KlaviyoSandbox.start();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private record Reply(int status, Map<String, Object> json) {}

  @SuppressWarnings("unchecked")
  private Reply call(String method, String path, String json) throws IOException {
    RequestBody body = json == null ? null : RequestBody.create(json, MediaType.get("application/json"));
    Request request = new Request.Builder().url(sandbox.baseUrl() + path).method(method, body).build();
    try (Response response = client.newCall(request).execute()) {
      String text = response.body().string();
      return new Reply(response.code(), text.isEmpty() ? Map.of() : (Map<String, Object>) Json.parse(text));
    }
  }

  @Test
  void stateReportsCountsPerType() throws IOException {
    Reply reply = call("GET", "/__admin/state", null);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(SandboxHttp.map(reply.json().get("counts"))).containsEntry("account", 1L).containsEntry("flow", 3L);
    assertThat(call("GET", "/__admin/state/form", null).json()).containsEntry("count", 2L);
  }

  @Test
  void seedFaultsAndRateLimitsCanBeDrivenOverHttp() throws IOException {
    assertThat(call("POST", "/__admin/seed", "{\"profiles\":12,\"same_second\":4}").status()).isEqualTo(200);
    assertThat(sandbox.state().profiles().count()).isEqualTo(12);

    assertThat(call("POST", "/__admin/faults", "{\"kind\":\"status\",\"status\":504,\"path\":\"/api/accounts\",\"times\":1}")
        .status()).isEqualTo(201);
    SandboxHttp http = new SandboxHttp(sandbox);
    assertThat(http.get("/api/accounts").status()).isEqualTo(504);
    assertThat(http.get("/api/accounts").status()).isEqualTo(200);
    assertThat(call("DELETE", "/__admin/faults", null).status()).isEqualTo(204);

    assertThat(call("POST", "/__admin/rate-limits", "{\"enabled\":true}").json()).containsEntry("enabled", true);
    assertThat(sandbox.rateLimiter().enabled()).isTrue();
    assertThat(call("POST", "/__admin/faults", "{\"kind\":\"nonsense\"}").status()).isEqualTo(400);
  }

  @Test
  void oauthClientsAndCodesCanBeCreatedOverHttp() throws IOException {
    assertThat(call("POST", "/__admin/oauth/clients",
        "{\"client_id\":\"c\",\"client_secret\":\"s\",\"redirect_uri\":\"https://x/cb\"}").status()).isEqualTo(201);
    String challenge = SandboxOAuth.s256("v".repeat(50));
    Reply code = call("POST", "/__admin/oauth/codes",
        "{\"client_id\":\"c\",\"scopes\":[\"profiles:read\"],\"code_challenge\":\"" + challenge
            + "\",\"redirect_uri\":\"https://x/cb\"}");
    assertThat(code.status()).isEqualTo(201);
    assertThat((String) code.json().get("code")).isNotBlank();
  }

  @Test
  void mutationsStartAndStop() throws IOException {
    assertThat(call("POST", "/__admin/mutations", "{\"type\":\"profile\",\"per_second\":5}").status()).isEqualTo(200);
    assertThat(call("DELETE", "/__admin/mutations", null).status()).isEqualTo(204);
    assertThat(call("POST", "/__admin/mutations", "{\"type\":\"event\",\"per_second\":5}").status()).isEqualTo(400);
  }
}
