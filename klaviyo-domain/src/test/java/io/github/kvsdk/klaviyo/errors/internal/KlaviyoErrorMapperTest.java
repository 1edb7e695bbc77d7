package io.github.kvsdk.klaviyo.errors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.errors.BadRequestException;
import io.github.kvsdk.klaviyo.errors.ConflictException;
import io.github.kvsdk.klaviyo.errors.KlaviyoApiException;
import io.github.kvsdk.klaviyo.errors.KlaviyoError;
import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import io.github.kvsdk.klaviyo.errors.KlaviyoNetworkException;
import io.github.kvsdk.klaviyo.errors.KlaviyoTimeoutException;
import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.errors.PermissionException;
import io.github.kvsdk.klaviyo.errors.RateLimitedException;
import io.github.kvsdk.klaviyo.errors.ServerException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import okhttp3.Headers;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KlaviyoErrorMapperTest {
  private static final String BODY = """
      {"errors":[{"id":"e-1","status":400,"code":"invalid","title":"Invalid input.",
        "detail":"The email is malformed.","source":{"pointer":"/data/attributes/email"},"meta":{}},
       {"id":"e-2","status":"400","code":"invalid","title":"Bad filter","detail":"Unknown field",
        "source":{"parameter":"filter"}}]}""";

  @ParameterizedTest
  @CsvSource({
      "400, BadRequestException",
      "401, AuthenticationException",
      "403, PermissionException",
      "404, NotFoundException",
      "405, KlaviyoApiException",
      "409, ConflictException",
      "415, KlaviyoApiException",
      "429, RateLimitedException",
      "500, ServerException",
      "502, ServerException",
      "503, ServerException",
      "504, ServerException",
      "524, ServerException",
  })
  void mapsEveryStatusToItsType(int status, String type) {
    KlaviyoApiException e = KlaviyoErrorMapper.fromParts("GET", "/api/profiles", status, Headers.of(), BODY);
    assertThat(e.getClass().getSimpleName()).isEqualTo(type);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e).isInstanceOf(KlaviyoException.class).isInstanceOf(RuntimeException.class);
  }

  @Test
  void badRequestCarriesTheErrorList() {
    KlaviyoApiException e = KlaviyoErrorMapper.fromParts("POST", "/api/profiles", 400,
        Headers.of("X-Klaviyo-Req-Id", "req-42"), BODY);
    assertThat(e).isInstanceOf(BadRequestException.class);
    assertThat(e.errors()).hasSize(2);
    KlaviyoError first = e.errors().get(0);
    assertThat(first.id()).isEqualTo("e-1");
    assertThat(first.status()).isEqualTo(400);
    assertThat(first.code()).isEqualTo("invalid");
    assertThat(first.title()).isEqualTo("Invalid input.");
    assertThat(first.detail()).isEqualTo("The email is malformed.");
    assertThat(first.sourcePointer()).isEqualTo("/data/attributes/email");
    assertThat(e.errors().get(1).status()).isEqualTo(400);
    assertThat(e.errors().get(1).sourceParameter()).isEqualTo("filter");
    assertThat(e.errorIds()).containsExactly("e-1", "e-2");
    assertThat(e.requestId()).contains("req-42");
    assertThat(e.getMessage()).isEqualTo("HTTP 400 POST /api/profiles; invalid: The email is malformed. "
        + "(at /data/attributes/email); invalid: Unknown field (parameter filter) [request id req-42]");
  }

  @Test
  void requestIdFallsBackToOtherHeaderNames() {
    assertThat(KlaviyoErrorMapper.fromParts("GET", "/", 500, Headers.of("x-request-id", "abc"), null).requestId())
        .contains("abc");
    assertThat(KlaviyoErrorMapper.fromParts("GET", "/", 500, Headers.of(), null).requestId()).isEmpty();
  }

  @Test
  void conflictExposesDuplicateProfileId() {
    String body = "{\"errors\":[{\"id\":\"x\",\"status\":409,\"code\":\"duplicate_profile\","
        + "\"title\":\"Conflict.\",\"detail\":\"A profile already exists\","
        + "\"meta\":{\"duplicate_profile_id\":\"01GDDKASAP8TKDDA2GRZDSVP4H\"}}]}";
    ConflictException e = (ConflictException) KlaviyoErrorMapper.fromParts("POST", "/api/profiles", 409,
        Headers.of(), body);
    assertThat(e.duplicateId()).contains("01GDDKASAP8TKDDA2GRZDSVP4H");
    assertThat(((ConflictException) KlaviyoErrorMapper.fromParts("POST", "/x", 409, Headers.of(), "{}"))
        .duplicateId()).isEmpty();
  }

  @Test
  void rateLimitedExposesRetryAfter() {
    String body = "{\"errors\":[{\"status\":429,\"code\":\"throttled\",\"title\":\"Request was throttled.\","
        + "\"detail\":\"Request was throttled. Expected available in 1 second.\"}]}";
    RateLimitedException e = (RateLimitedException) KlaviyoErrorMapper.fromParts("GET", "/api/profiles", 429,
        Headers.of("Retry-After", "7"), body);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(e.errors().get(0).code()).isEqualTo("throttled");
  }

  @Test
  void nonJsonBodiesStillMapByStatus() {
    KlaviyoApiException e = KlaviyoErrorMapper.fromParts("GET", "/api/x", 502, Headers.of(), "<html>bad</html>");
    assertThat(e).isInstanceOf(ServerException.class);
    assertThat(e.errors()).isEmpty();
    assertThat(e.getMessage()).isEqualTo("HTTP 502 GET /api/x");
  }

  @Test
  void fromResponseReadsBodyAndLeavesOutQueryAndRequestHeaders() {
    Request request = new Request.Builder()
        .url("https://a.klaviyo.com/api/profiles?filter=equals(email,%22secret%40example.com%22)")
        .header("Authorization", "Klaviyo-API-Key pk_canarycanarycanarycanary")
        .build();
    Response response = new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(403)
        .message("Forbidden")
        .body(ResponseBody.create("{\"errors\":[{\"id\":\"p\",\"code\":\"permission_denied\",\"detail\":\"No scope\"}]}",
            null))
        .build();
    KlaviyoApiException e = KlaviyoErrorMapper.fromResponse(response);
    assertThat(e).isInstanceOf(PermissionException.class);
    assertThat(e.getMessage()).isEqualTo("HTTP 403 GET /api/profiles; permission_denied: No scope")
        .doesNotContain("secret").doesNotContain("canary");
  }

  @Test
  void ioExceptionsMapToNetworkOrTimeout() {
    assertThat(KlaviyoErrorMapper.fromIOException(new SocketTimeoutException("timeout"), "GET", "/api/a"))
        .isInstanceOf(KlaviyoTimeoutException.class);
    assertThat(KlaviyoErrorMapper.fromIOException(new InterruptedIOException("timeout"), "GET", "/api/a"))
        .isInstanceOf(KlaviyoTimeoutException.class);
    KlaviyoException network = KlaviyoErrorMapper.fromIOException(new ConnectException("refused"), "GET", "/api/a");
    assertThat(network).isInstanceOf(KlaviyoNetworkException.class).isNotInstanceOf(KlaviyoTimeoutException.class);
    assertThat(network).hasMessage("GET /api/a failed: ConnectException: refused").hasCauseInstanceOf(IOException.class);
    KlaviyoValidationException original = new KlaviyoValidationException("f", "r");
    assertThat(KlaviyoErrorMapper.fromIOException(new TunneledKlaviyoException(original), "GET", "/")).isSameAs(original);
  }
}
