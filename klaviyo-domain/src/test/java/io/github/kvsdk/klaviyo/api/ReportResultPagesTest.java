package io.github.kvsdk.klaviyo.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.api.reporting.QueryCampaignValuesParams;
import io.github.kvsdk.klaviyo.catalog.Operation;
import io.github.kvsdk.klaviyo.catalog.OperationCatalog;
import io.github.kvsdk.klaviyo.generated.json.KlaviyoMoshi;
import io.github.kvsdk.klaviyo.generated.model.QueryCampaignValuesRequest;
import io.github.kvsdk.klaviyo.paging.AutoPager;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reports answered a result page at a time ({@code query_campaign_values} and the other operations with a
 * {@code page_cursor}): the generated {@code ...AutoPager} sends the same report request again with each
 * response's {@code links.next} cursor until a response has none. Three pages over real sockets; page N links to
 * page N+1 through cursor rN+1.
 */
final class ReportResultPagesTest {
  private static final String BODY = "{\"data\":{\"type\":\"campaign-values-report\",\"attributes\":{"
      + "\"statistics\":[\"opens\"],\"timeframe\":{\"key\":\"last_12_months\"},"
      + "\"conversion_metric_id\":\"M1\"}}}";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void serve() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        received.add(request);
        String cursor = request.getUrl().queryParameter("page_cursor");
        int page = cursor == null ? 1 : Integer.parseInt(cursor.substring(1));
        String base = request.getUrl().newBuilder().query(null).build().toString();
        String next = page < 3 ? "\"" + base + "?page_cursor=r" + (page + 1) + "\"" : "null";
        String body = "{\"data\":{\"type\":\"campaign-values-report\",\"attributes\":{\"results\":["
            + result(page, "a") + "," + result(page, "b") + "]}},"
            + "\"links\":{\"self\":\"" + request.getUrl() + "\",\"next\":" + next + ",\"prev\":null}}";
        return new MockResponse.Builder().addHeader("Content-Type", "application/vnd.api+json").body(body).build();
      }
    });
  }

  private static String result(int page, String suffix) {
    return "{\"groupings\":{\"campaign_id\":\"C" + page + suffix + "\",\"send_channel\":\"email\"},"
        + "\"statistics\":{\"opens\":" + page + "}}";
  }

  private static QueryCampaignValuesParams params() throws IOException {
    QueryCampaignValuesRequest body = KlaviyoMoshi.shared().adapter(QueryCampaignValuesRequest.class).fromJson(BODY);
    return QueryCampaignValuesParams.builder().body(body).build();
  }

  private KlaviyoClient client() {
    return KlaviyoClient.builder().apiKey(TestKeys.API_KEY).baseUrl(server.url("/")).rateLimiting(false).build();
  }

  @Test
  void theAutoPagerWalksEveryResultPageSendingEachResponsesCursor() throws Exception {
    List<Object> campaigns = new ArrayList<>();
    int pages = 0;
    try (KlaviyoClient client = client()) {
      for (var data : client.reporting().queryCampaignValuesAutoPager(params())) {
        pages++;
        assertThat(data.getType()).hasToString("campaign-values-report");
        for (var result : data.getAttributes().getResults()) {
          campaigns.add(((Map<?, ?>) result.getGroupings()).get("campaign_id"));
        }
      }
    }
    assertThat(pages).isEqualTo(3);
    assertThat(campaigns).containsExactly("C1a", "C1b", "C2a", "C2b", "C3a", "C3b");
    assertThat(received).extracting(r -> r.getUrl().queryParameter("page_cursor"))
        .containsExactly(null, "r2", "r3");
    for (RecordedRequest request : received) {
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getUrl().encodedPath()).isEqualTo("/api/campaign-values-reports");
      assertThat(request.getHeaders().get("revision")).isNotBlank();
      // The same report is asked for on every page; only the cursor changes.
      assertThat(KlaviyoMoshi.shared().adapter(Object.class).fromJson(request.getBody().utf8()))
          .isEqualTo(KlaviyoMoshi.shared().adapter(Object.class).fromJson(BODY));
    }
  }

  @Test
  void aPrefetchingWalkSendsTheSameRequestsAndPagesCarryTheirLinks() throws Exception {
    List<String> nextCursors = new ArrayList<>();
    try (KlaviyoClient client = client()) {
      AutoPager<?> pager = client.reporting().queryCampaignValuesAutoPager(params()).prefetching();
      for (var page : pager.pages()) {
        assertThat(page.data()).hasSize(1);
        nextCursors.add(page.nextCursor().map(c -> c.parameter() + "=" + c.value()).orElse("none"));
      }
    }
    assertThat(nextCursors).containsExactly("page_cursor=r2", "page_cursor=r3", "none");
    assertThat(received).extracting(r -> r.getUrl().queryParameter("page_cursor"))
        .containsExactly(null, "r2", "r3");
  }

  @Test
  void everyOperationTakingAPageCursorThatIsNotAListingHasAResultPager() {
    List<String> reports = new ArrayList<>();
    List<String> without = new ArrayList<>();
    for (Operation op : OperationCatalog.packaged().operations()) {
      if (!op.cursorParameter().equals(Optional.of("page_cursor"))) continue;
      reports.add(op.operationId());
      String name = camel(op.operationId()) + "AutoPager";
      boolean found = false;
      for (Method accessor : KlaviyoClient.class.getSuperclass().getDeclaredMethods()) {
        for (Method m : accessor.getReturnType().getDeclaredMethods()) {
          found |= m.getName().equals(name) && Modifier.isPublic(m.getModifiers())
              && m.getReturnType() == AutoPager.class && m.getParameterCount() == 2
              && m.getParameterTypes()[1] == RequestOptions.class;
        }
      }
      if (!found) without.add(op.operationId());
    }
    assertThat(reports).isNotEmpty();
    assertThat(without).as("reports without %s", "...AutoPager(params, options)").isEmpty();
  }

  private static String camel(String operationId) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : operationId.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  @Test
  void aCursorSetInTheParamsIsWhereTheWalkStarts() throws Exception {
    int pages = 0;
    try (KlaviyoClient client = client()) {
      for (var ignored : client.reporting().queryCampaignValuesAutoPager(params().toBuilder().pageCursor("r2").build())) {
        pages++;
      }
    }
    assertThat(pages).isEqualTo(2);
    assertThat(received).extracting(r -> r.getUrl().queryParameter("page_cursor")).containsExactly("r2", "r3");
  }
}
