package io.github.kvsdk.klaviyo.sandbox.http;

import static io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp;
import io.github.kvsdk.klaviyo.sandbox.testing.SandboxHttp.Reply;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Revision header, authentication, scopes, content types and routing errors. */
final class RequestPipelineTest {
  private KlaviyoSandbox sandbox;
  private SandboxHttp http;

  @BeforeEach
  void start() {
    sandbox = KlaviyoSandbox.builder()
        .apiKey("pk_extra_key_123")
        .apiKey("pk_read_only_profiles", Set.of("profiles:read"))
        .start();
    http = new SandboxHttp(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void baseUrlIsLoopbackWithoutTrailingSlash() {
    assertThat(sandbox.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+").isEqualTo("http://127.0.0.1:" + sandbox.port());
    assertThat(sandbox.defaultApiKey()).startsWith("pk_");
  }

  @Test
  void malformedPercentEncodingGetsAnErrorDocument() throws Exception {
    for (String target : new String[] {"/api/profiles?filter=%ZZ", "/api/profiles/%ZZ"}) {
      String response = raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nrevision: 2024-10-15\r\n"
          + "Authorization: Klaviyo-API-Key " + sandbox.defaultApiKey() + "\r\nConnection: close\r\n\r\n");
      assertThat(response).as(target).startsWith("HTTP/1.1 400");
      String body = response.substring(response.indexOf("\r\n\r\n") + 4);
      assertThat(body).as(target).contains("\"errors\"").contains("Malformed percent-encoding");
    }
  }

  private String raw(String request) throws java.io.IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", sandbox.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void missingRevisionIsAKlaviyoStyle400() {
    Reply reply = http.revision(null).get("/api/accounts");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.firstError()).containsKeys("id", "status", "code", "title", "detail", "source");
    assertThat(map(reply.firstError().get("source"))).containsEntry("parameter", "revision");
  }

  @Test
  void malformedOrFutureRevisionsAreRejectedAndSuffixedOnesAccepted() {
    assertThat(http.revision("2024-13-45").get("/api/accounts").status()).isEqualTo(400);
    assertThat(http.revision("yesterday").get("/api/accounts").status()).isEqualTo(400);
    assertThat(http.revision("2099-01-01").get("/api/accounts").status()).isEqualTo(400);
    assertThat(http.revision("2024-10-15.pre").get("/api/accounts").status()).isEqualTo(200);
    assertThat(http.revision("2024-07-15").get("/api/accounts").status()).isEqualTo(200);
  }

  @Test
  void missingOrUnknownCredentialsAre401() {
    Reply missing = http.authorization(null).get("/api/accounts");
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.firstError()).containsEntry("code", "not_authenticated");
    Reply wrong = http.authorization("Klaviyo-API-Key pk_not_a_key").get("/api/accounts");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.firstError()).containsEntry("code", "authentication_failed");
    assertThat(http.authorization("Klaviyo-API-Key pk_extra_key_123").get("/api/accounts").status()).isEqualTo(200);
    assertThat(http.authorization("Basic abc").get("/api/accounts").status()).isEqualTo(401);
  }

  @Test
  void keysWithoutTheOperationsScopeGet403() {
    http.authorization("Klaviyo-API-Key pk_read_only_profiles");
    assertThat(http.get("/api/profiles").status()).isEqualTo(200);
    Reply write = http.post("/api/profiles",
        "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"x@example.com\"}}}");
    assertThat(write.status()).isEqualTo(403);
    assertThat(write.firstError()).containsEntry("code", "permission_denied");
    assertThat((String) write.firstError().get("detail")).contains("profiles:write");
    assertThat(http.get("/api/lists").status()).isEqualTo(403);
    assertThat(sandbox.state().profiles().count()).isZero();
  }

  @Test
  void unknownPathsAre404AndWrongMethods405() {
    Reply unknown = http.get("/api/nothing-here");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.firstError()).containsEntry("code", "not_found");
    assertThat(http.send(http.request("/api/accounts").put(RequestBody.create("{}", SandboxHttp.JSON_API)).build())
        .status()).isEqualTo(405);
  }

  @Test
  void plainJsonIsAcceptedAndOtherContentTypesAre415() {
    Reply json = http.send(http.request("/api/lists").post(RequestBody.create(
        "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"L\"}}}", MediaType.get("application/json"))).build());
    assertThat(json.status()).isEqualTo(201);
    Reply text = http.send(http.request("/api/lists").post(RequestBody.create(
        "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"L\"}}}", MediaType.get("text/plain"))).build());
    assertThat(text.status()).isEqualTo(415);
  }

  @Test
  void malformedBodiesAndWrongTypesAre400WithPointers() {
    Reply malformed = http.post("/api/lists", "{\"data\":");
    assertThat(malformed.status()).isEqualTo(400);
    Reply wrongType = http.post("/api/lists", "{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":\"L\"}}}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(map(wrongType.firstError().get("source"))).containsEntry("pointer", "/data/type");
    Reply missingName = http.post("/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{}}}");
    assertThat(map(missingName.firstError().get("source"))).containsEntry("pointer", "/data/attributes/name");
  }

  @Test
  void requestLogCountsRequestsPerOperation() {
    http.get("/api/accounts");
    http.get("/api/accounts");
    http.get("/api/profiles");
    assertThat(sandbox.requests().count("get_accounts")).isEqualTo(2);
    assertThat(sandbox.requests().count("get_profiles")).isEqualTo(1);
    assertThat(sandbox.requests().recent()).last().extracting(RequestLog.Entry::status).isEqualTo(200);
  }
}
