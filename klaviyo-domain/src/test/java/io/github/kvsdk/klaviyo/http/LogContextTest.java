package io.github.kvsdk.klaviyo.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import io.github.kvsdk.klaviyo.raw.RawRequest;
import io.github.kvsdk.klaviyo.retry.RetryPolicy;
import io.github.kvsdk.klaviyo.testing.FakeClock;
import io.github.kvsdk.klaviyo.testing.MdcCapturingStderr;
import io.github.kvsdk.klaviyo.testing.MdcCapturingStderr.Line;
import io.github.kvsdk.klaviyo.testing.RecordingSleeper;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The SDK's log lines carry the operation id and Klaviyo's request id in the MDC. */
class LogContextTest {
  private static final String ACCOUNTS = "{\"data\":[],\"links\":{\"self\":\"x\",\"next\":null,\"prev\":null}}";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final FakeClock clock = new FakeClock();

  private KlaviyoClient client() {
    return KlaviyoClient.builder()
        .apiKey(TestKeys.API_KEY)
        .baseUrl(server.url("/"))
        .rateLimiting(false)
        .retryPolicy(RetryPolicy.builder().sleeper(new RecordingSleeper(clock)).clock(clock).build())
        .build();
  }

  private static MockResponse accounts(String requestId) {
    return new MockResponse.Builder().addHeader("X-Klaviyo-Req-Id", requestId).body(ACCOUNTS).build();
  }

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  @Test
  void attemptAndRetryLinesCarryTheOperationAndTheRequestIdOfTheirResponse() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1")
        .addHeader("X-Klaviyo-Req-Id", "req-throttled").body("{\"errors\":[]}").build());
    server.enqueue(accounts("req-ok"));

    List<Line> attempts;
    List<Line> retries;
    try (MdcCapturingStderr log = new MdcCapturingStderr()) {
      client().accounts().list(QueryOptions.none());
      attempts = log.linesContaining("GET /api/accounts -> ");
      retries = log.linesContaining("Retrying GET /api/accounts");
    }

    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).text()).contains("-> 429");
    assertThat(attempts.get(0).mdc()).containsEntry(LogContext.OPERATION_ID, "get_accounts")
        .containsEntry(LogContext.REQUEST_ID, "req-throttled");
    assertThat(retries).singleElement().satisfies(line -> assertThat(line.mdc())
        .containsEntry(LogContext.OPERATION_ID, "get_accounts")
        .containsEntry(LogContext.REQUEST_ID, "req-throttled"));
    assertThat(attempts.get(1).text()).contains("-> 200");
    assertThat(attempts.get(1).mdc()).containsEntry(LogContext.OPERATION_ID, "get_accounts")
        .containsEntry(LogContext.REQUEST_ID, "req-ok");
  }

  @Test
  void theCallersMdcIsRestoredAfterTheCall() {
    server.enqueue(accounts("req-1"));
    MDC.put(LogContext.OPERATION_ID, "outer-operation");
    MDC.put("user.key", "kept");

    client().raw().send(RawRequest.get("/api/accounts"));

    assertThat(MDC.get(LogContext.OPERATION_ID)).isEqualTo("outer-operation");
    assertThat(MDC.get(LogContext.REQUEST_ID)).isNull();
    assertThat(MDC.get("user.key")).isEqualTo("kept");
  }

  @Test
  void aResponseWithoutRequestIdLeavesItUnsetAndRawRequestsAreNamedByPath() {
    server.enqueue(new MockResponse.Builder().body("{\"data\":{}}").build());

    List<Line> lines;
    try (MdcCapturingStderr log = new MdcCapturingStderr()) {
      client().raw().send(RawRequest.get("/api/lists/XyZ123"));
      lines = log.linesContaining("GET /api/lists/XyZ123 -> 200");
    }

    assertThat(lines).singleElement().satisfies(line -> assertThat(line.mdc())
        .containsEntry(LogContext.OPERATION_ID, "get_list")
        .doesNotContainKey(LogContext.REQUEST_ID));
  }

  @Test
  void asynchronousCallsLogWithTheirOperationOnTheDispatcherThread() throws Exception {
    server.enqueue(accounts("req-async"));

    List<Line> lines;
    try (MdcCapturingStderr log = new MdcCapturingStderr()) {
      client().accounts().listAsync(QueryOptions.none()).get(10, TimeUnit.SECONDS);
      lines = log.linesContaining("GET /api/accounts -> 200");
    }

    assertThat(lines).singleElement().satisfies(line -> assertThat(line.mdc())
        .containsEntry(LogContext.OPERATION_ID, "get_accounts")
        .containsEntry(LogContext.REQUEST_ID, "req-async"));
  }
}
