package io.github.kvsdk.klaviyo.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.http.internal.SdkHttpClient;
import io.github.kvsdk.klaviyo.testing.TestKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A prefetching pager over a {@code KlaviyoClient} sends each next request from the dispatcher thread that has
 * just read the previous response, instead of handing it to another thread; a request that must wait still
 * waits on the client's scheduler, holding no dispatcher thread. Four pages of two profiles over real sockets,
 * page N linking to page N+1 through cursor cN+1.
 */
final class PrefetchWithoutHandOffTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  /** The thread that sent each page's request, by cursor ("null" for the first page). */
  private final Map<String, Thread> senders = new ConcurrentHashMap<>();
  /** Answer the first request for page 3 with 429 and Retry-After: 1. */
  private final AtomicBoolean throttlePage3 = new AtomicBoolean();

  @BeforeEach
  void serve() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String cursor = request.getUrl().queryParameter("page[cursor]");
        int page = cursor == null ? 1 : Integer.parseInt(cursor.substring(1));
        if (page == 3 && throttlePage3.compareAndSet(true, false)) {
          return new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build();
        }
        String base = request.getUrl().newBuilder().query(null).build().toString();
        String next = page < 4 ? "\"" + base + "?page%5Bcursor%5D=c" + (page + 1) + "\"" : "null";
        String body = "{\"data\":[" + profile(2 * page - 1) + "," + profile(2 * page) + "],"
            + "\"links\":{\"self\":\"" + request.getUrl() + "\",\"next\":" + next + "}}";
        return new MockResponse.Builder().addHeader("Content-Type", "application/vnd.api+json").body(body).build();
      }
    });
  }

  private static String profile(int n) {
    return "{\"type\":\"profile\",\"id\":\"p" + n + "\"}";
  }

  private KlaviyoClient client() {
    OkHttpClient recording = new OkHttpClient.Builder().addNetworkInterceptor(chain -> {
      senders.put(String.valueOf(chain.request().url().queryParameter("page[cursor]")), Thread.currentThread());
      return chain.proceed(chain.request());
    }).build();
    return KlaviyoClient.builder().apiKey(TestKeys.API_KEY).baseUrl(server.url("/")).okHttpClient(recording)
        .rateLimiting(false).build();
  }

  @Test
  void theNextRequestGoesOutFromTheThreadThatReadThePreviousPage() throws Exception {
    try (KlaviyoClient client = client()) {
      Iterator<Page<Map<String, Object>>> pages = JsonApiPages.create(client.httpClient())
          .autoPager(server.url("/api/profiles")).prefetching().pages().iterator();
      List<Object> ids = new ArrayList<>();
      ids.addAll(ids(pages.next())); // Page 1 on this thread; pages 2 and 3 are then fetched ahead.
      await("pages 2 and 3 are requested").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
          .until(() -> senders.containsKey("c2") && senders.containsKey("c3"));
      assertThat(senders.get("null")).isSameAs(Thread.currentThread());
      assertThat(senders.get("c2")).isNotSameAs(Thread.currentThread()); // enqueued on the dispatcher
      // Before, page 3 was enqueued from page 2's callback and ran on another dispatcher thread.
      assertThat(senders.get("c3")).isSameAs(senders.get("c2"));
      while (pages.hasNext()) ids.addAll(ids(pages.next()));
      assertThat(ids).containsExactly("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8");
      assertThat(server.getRequestCount()).isEqualTo(4);
    }
  }

  @Test
  void aRequestSentThatWayWaitsForRetryAfterOnTheSchedulerNotOnTheDispatcherThread() throws Exception {
    throttlePage3.set(true);
    try (KlaviyoClient client = client()) {
      SdkHttpClient http = (SdkHttpClient) client.httpClient();
      Iterator<Page<Map<String, Object>>> pages = JsonApiPages.create(http)
          .autoPager(server.url("/api/profiles")).prefetching().pages().iterator();
      List<Object> ids = new ArrayList<>(ids(pages.next()));
      // Page 3's first answer is a 429 with Retry-After: 1; its retry waits on the scheduler, and page 2's
      // dispatcher thread, which sent it, is released meanwhile.
      await("page 3 waits for its retry on the scheduler")
          .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
          .until(() -> http.waitingCalls() == 1);
      await("no dispatcher thread is held during the wait")
          .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
          .until(() -> http.dispatcher().runningCallsCount() == 0);
      assertThat(throttlePage3).isFalse();
      while (pages.hasNext()) ids.addAll(ids(pages.next()));
      assertThat(ids).containsExactly("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8");
      assertThat(server.getRequestCount()).isEqualTo(5); // page 3 twice
      assertThat(http.waitingCalls()).isZero();
    }
  }

  private static List<Object> ids(Page<Map<String, Object>> page) {
    return page.data().stream().map(r -> r.get("id")).toList();
  }
}
