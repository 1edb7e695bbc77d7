package io.github.kvsdk.klaviyo.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AsyncPager}, {@link Page#nextPageAsync()} and the prefetching pager's use of the client's dispatcher,
 * over real sockets: three pages of two profiles, page N linking to page N+1 through cursor cN+1.
 */
final class AsyncPagerTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final OkHttpClient client = new OkHttpClient();
  private final List<String> requested = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile int blockedPage = -1;

  @BeforeEach
  void serve() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        String cursor = request.getUrl().queryParameter("page[cursor]");
        requested.add(String.valueOf(cursor));
        int page = cursor == null ? 1 : Integer.parseInt(cursor.substring(1));
        if (page == blockedPage) release.await(10, TimeUnit.SECONDS);
        String base = request.getUrl().newBuilder().query(null).build().toString();
        String next = page < 3 ? "\"" + base + "?page%5Bcursor%5D=c" + (page + 1) + "\"" : "null";
        String body = "{\"data\":[" + profile(2 * page - 1) + "," + profile(2 * page) + "],"
            + "\"links\":{\"self\":\"" + request.getUrl() + "\",\"next\":" + next + "}}";
        return new MockResponse.Builder().addHeader("Content-Type", "application/vnd.api+json").body(body).build();
      }
    });
  }

  @AfterEach
  void releaseServer() {
    release.countDown();
  }

  private static String profile(int n) {
    return "{\"type\":\"profile\",\"id\":\"p" + n + "\"}";
  }

  private PageFetcher<Map<String, Object>> fetcher() {
    HttpUrl first = server.url("/api/profiles");
    return new PageFetcher<>() {
      @Override
      public Call newCall(Cursor cursor) {
        return client.newCall(new Request.Builder().url(cursor == null ? first : HttpUrl.get(cursor.link())).build());
      }

      @Override
      public Page<Map<String, Object>> bind(FetchedPage fetched) {
        try {
          @SuppressWarnings("unchecked")
          Map<String, Object> document = (Map<String, Object>) JsonReader.of(fetched.source()).readJsonValue();
          return JsonApiPages.parse(document, IncludedTypes.none(), null, this);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }


  @Test
  void nextPageAsyncReturnsBeforeThePageArrives() throws Exception {
    Page<Map<String, Object>> first = fetcher().load(null);
    blockedPage = 2;
    CompletableFuture<Page<Map<String, Object>>> second = first.nextPageAsync();
    await("page 2 is requested").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
        .until(() -> requested.contains("c2"));
    assertThat(second).isNotDone(); // The caller was not held while the server sat on the request.
    release.countDown();
    assertThat(second.get(5, TimeUnit.SECONDS).data()).extracting(p -> p.get("id")).containsExactly("p3", "p4");
  }

  @Test
  void nextPageAsyncOnTheLastPageFails() throws Exception {
    Page<Map<String, Object>> page = fetcher().load(null);
    page = page.nextPage().nextPage();
    assertThat(page.nextPageAsync()).isCompletedExceptionally();
  }

  @Test
  void forEachVisitsEveryResourceInOrder() throws Exception {
    List<Object> ids = new ArrayList<>();
    AsyncPager.from(fetcher()).forEach(p -> ids.add(p.get("id"))).get(5, TimeUnit.SECONDS);
    assertThat(ids).containsExactly("p1", "p2", "p3", "p4", "p5", "p6");
    assertThat(requested).containsExactly("null", "c2", "c3");
  }

  @Test
  void cancellingTheWalkCancelsTheRequestInFlight() throws Exception {
    blockedPage = 2;
    CompletableFuture<Void> walk = AsyncPager.from(fetcher()).forEach(p -> { });
    await("page 2 is requested").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
        .until(() -> requested.contains("c2"));
    walk.cancel(true);
    await("the call is cancelled").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
        .until(() -> client.dispatcher().runningCallsCount() == 0);
    release.countDown();
    assertThat(walk).isCancelled();
    assertThat(requested).containsExactly("null", "c2");
  }

  @Test
  void publisherFetchesOnlyWhatIsDemanded() throws Exception {
    List<Object> ids = new CopyOnWriteArrayList<>();
    AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    CountDownLatch completed = new CountDownLatch(1);
    AsyncPager.from(fetcher()).subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscription.set(s);
      }

      @Override
      public void onNext(Map<String, Object> item) {
        ids.add(item.get("id"));
      }

      @Override
      public void onError(Throwable throwable) {
        throw new AssertionError(throwable);
      }

      @Override
      public void onComplete() {
        completed.countDown();
      }
    });
    assertThat(requested).isEmpty(); // Nothing before demand.
    subscription.get().request(1);
    await("one item").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
        .until(() -> ids.size() == 1);
    assertThat(requested).containsExactly("null");
    subscription.get().request(2);
    await("three items").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
        .until(() -> ids.size() == 3);
    assertThat(requested).containsExactly("null", "c2");
    subscription.get().request(Long.MAX_VALUE);
    assertThat(completed.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ids).containsExactly("p1", "p2", "p3", "p4", "p5", "p6");
  }

  @Test
  void prefetchingRunsOnTheClientsBoundedDispatcherWithoutThreadsOfItsOwn() throws Exception {
    blockedPage = 2;
    PageFetcher<Map<String, Object>> fetcher = fetcher();
    List<Stream<Map<String, Object>>> streams = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Stream<Map<String, Object>> stream = AutoPager.lazy(() -> fetcher.load(null)).prefetching().stream();
      Iterator<Map<String, Object>> items = stream.iterator();
      items.next(); // Loads page 1, which starts prefetching page 2.
      streams.add(stream);
    }
    await("5 prefetches reach the server").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
        .until(() -> requested.stream().filter("c2"::equals).count() == 5);
    int ownThreads = (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("klaviyo-page-prefetch")).count();
    System.out.println("20 prefetching iterations: " + client.dispatcher().runningCallsCount() + " running, "
        + client.dispatcher().queuedCallsCount() + " queued, " + ownThreads + " prefetch threads");
    assertThat(ownThreads).isZero();
    assertThat(client.dispatcher().runningCallsCount()).isEqualTo(5); // OkHttp's per-host bound.
    assertThat(client.dispatcher().queuedCallsCount()).isEqualTo(15);
    streams.forEach(Stream::close);
    await("closing the streams cancels the prefetches")
        .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
        .until(() -> client.dispatcher().runningCallsCount() + client.dispatcher().queuedCallsCount() == 0);
  }
}
