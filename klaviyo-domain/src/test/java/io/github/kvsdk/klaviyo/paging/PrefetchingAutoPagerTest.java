package io.github.kvsdk.klaviyo.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonReader;
import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import io.github.kvsdk.klaviyo.errors.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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
import org.assertj.core.api.InstanceOfAssertFactories;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AutoPager#prefetching()} over real sockets: a MockWebServer serves a listing of two profiles per page,
 * page N linking to page N+1 through cursor cN+1.
 */
final class PrefetchingAutoPagerTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final OkHttpClient client = new OkHttpClient();
  /** Cursors of the requests the server has received, in order; null for the first page. */
  private final List<String> requested = new ArrayList<>();
  private final CountDownLatch releaseBlockedPage = new CountDownLatch(1);
  private int pages = 3;
  private int failingPage = -1;
  private int selfLinkingPage = -1;
  private int blockedPage = -1;

  @AfterEach
  void release() {
    releaseBlockedPage.countDown();
  }

  private void serve() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        String cursor = request.getUrl().queryParameter("page[cursor]");
        synchronized (requested) {
          requested.add(cursor);
        }
        int page = cursor == null ? 1 : Integer.parseInt(cursor.substring(1));
        if (page == blockedPage) releaseBlockedPage.await(10, TimeUnit.SECONDS);
        if (page == failingPage) {
          return new MockResponse.Builder().code(404)
              .body("{\"errors\":[{\"id\":\"e1\",\"status\":404,\"code\":\"not_found\",\"title\":\"Not found\"}]}")
              .build();
        }
        String base = request.getUrl().newBuilder().query(null).build().toString();
        int nextPage = page == selfLinkingPage ? page : page + 1;
        String next = page < pages ? "\"" + base + "?page%5Bcursor%5D=c" + nextPage + "\"" : "null";
        String body = "{\"data\":[" + profile(2 * page - 1) + "," + profile(2 * page) + "],"
            + "\"links\":{\"self\":\"" + request.getUrl() + "\",\"next\":" + next + "}}";
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/vnd.api+json").body(body)
            .build();
      }
    });
  }

  private static String profile(int n) {
    return "{\"type\":\"profile\",\"id\":\"p" + n + "\",\"links\":{\"self\":\"https://x/p" + n + "\",\"next\":\"no\"}}";
  }

  private int requestCount() {
    synchronized (requested) {
      return requested.size();
    }
  }

  private boolean wasRequested(String cursor) {
    synchronized (requested) {
      return requested.contains(cursor);
    }
  }

  /** A fetcher written against the public SPI, with a hook that runs before each page is bound. */
  private PageFetcher<Map<String, Object>> fetcher(Consumer<FetchedPage> beforeBind) {
    HttpUrl first = server.url("/api/profiles");
    return new PageFetcher<>() {
      @Override
      public Call newCall(Cursor cursor) {
        return client.newCall(new Request.Builder().url(cursor == null ? first : HttpUrl.get(cursor.link())).build());
      }

      @Override
      public Page<Map<String, Object>> bind(FetchedPage fetched) {
        beforeBind.accept(fetched);
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

  private AutoPager<Map<String, Object>> pager(Consumer<FetchedPage> beforeBind) {
    PageFetcher<Map<String, Object>> fetcher = fetcher(beforeBind);
    return AutoPager.lazy(() -> fetcher.load(null));
  }

  private static List<Object> ids(Iterable<Map<String, Object>> pager) {
    List<Object> ids = new ArrayList<>();
    pager.forEach(p -> ids.add(p.get("id")));
    return ids;
  }

  /** A bind hook that runs {@code action} before the page fetched with {@code cursor} is bound. */
  private static Consumer<FetchedPage> whenBinding(String cursor, Runnable action) {
    return fetched -> {
      if (cursor.equals(fetched.url().queryParameter("page[cursor]"))) action.run();
    };
  }

  /** Waits (up to 10 s) until {@code condition} holds; fails the test if it never does. */
  private static void await(String what, BooleanSupplier condition) {
    Awaitility.await(what).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
        .until(condition::getAsBoolean);
  }

  /**
   * Waits until the client has no call running or queued. The prefetcher sends each request from the
   * dispatcher thread that read the previous response, before that call finishes, so once none is left no
   * request can follow: what the server has recorded by then is all the pager will ever send.
   */
  private void awaitNoCallInFlight() {
    await("no call in flight", () -> client.dispatcher().runningCallsCount() == 0
        && client.dispatcher().queuedCallsCount() == 0);
  }

  @Test
  void theNextRequestIsInFlightWhileAPageIsBound() {
    pages = 4;
    serve();
    List<Boolean> c3InFlightDuringBindOfC2 = new ArrayList<>();
    Consumer<FetchedPage> hook = whenBinding("c2", () -> {
      await("c3 is requested", () -> wasRequested("c3"));
      c3InFlightDuringBindOfC2.add(true);
    });
    assertThat(ids(pager(hook).prefetching())).containsExactly("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8");
    assertThat(c3InFlightDuringBindOfC2).containsExactly(true);
    assertThat(requested).containsExactly(null, "c2", "c3", "c4");
  }

  @Test
  void withoutPrefetchingTheNextRequestWaitsForTheIteration() {
    pages = 3;
    serve();
    // A lazy pager's request is synchronous: once page c2 is bound, nothing is in flight and c3 was never sent.
    List<Boolean> c3RequestedDuringBindOfC2 = new ArrayList<>();
    Consumer<FetchedPage> hook = whenBinding("c2", () -> c3RequestedDuringBindOfC2.add(wasRequested("c3")
        || client.dispatcher().runningCallsCount() > 0 || client.dispatcher().queuedCallsCount() > 0));
    AutoPager<Map<String, Object>> lazy = pager(hook);
    assertThat(lazy.isPrefetching()).isFalse();
    assertThat(ids(lazy)).containsExactly("p1", "p2", "p3", "p4", "p5", "p6");
    assertThat(c3RequestedDuringBindOfC2).containsExactly(false);
  }

  @Test
  void fetchingPausesTwoResponsesAheadOfTheIteration() {
    pages = 10;
    serve();
    Iterator<Map<String, Object>> it = pager(f -> { }).prefetching().iterator();
    assertThat(it.next().get("id")).isEqualTo("p1");
    await("two pages fetched ahead", () -> requestCount() == 1 + PagePrefetcher.AHEAD);
    awaitNoCallInFlight(); // Fetching has stopped: a pager without a bound would have a request in flight.
    assertThat(requestCount()).isEqualTo(3);

    List<Object> rest = new ArrayList<>();
    it.forEachRemaining(p -> rest.add(p.get("id")));
    assertThat(rest).hasSize(19).startsWith("p2").endsWith("p20");
    assertThat(requestCount()).isEqualTo(10);
  }

  @Test
  void aFailedPageSurfacesAsItsTypedErrorWhenTheIterationReachesIt() {
    pages = 5;
    failingPage = 2;
    serve();
    Iterator<Map<String, Object>> it = pager(f -> { }).prefetching().iterator();
    assertThat(it.next().get("id")).isEqualTo("p1");
    assertThat(it.next().get("id")).isEqualTo("p2");
    assertThatThrownBy(it::hasNext)
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("404 GET /api/profiles");
    awaitNoCallInFlight();
    assertThat(requested).containsExactly(null, "c2");
  }

  @Test
  void aFetcherThatCannotBuildTheRequestFailsAtThatPage() {
    pages = 4;
    serve();
    PageFetcher<Map<String, Object>> real = fetcher(f -> { });
    PageFetcher<Map<String, Object>> fetcher = new PageFetcher<>() {
      @Override
      public Call newCall(Cursor cursor) {
        if (cursor != null && cursor.value().equals("c3")) throw new IllegalArgumentException("no call for c3");
        return real.newCall(cursor);
      }

      @Override
      public Page<Map<String, Object>> bind(FetchedPage fetched) {
        Page<Map<String, Object>> page = real.bind(fetched);
        return Page.of(page.data(), page.included(), page.links(), this); // This fetcher loads what follows.
      }
    };
    Iterator<Map<String, Object>> it = AutoPager.lazy(() -> fetcher.load(null)).prefetching().iterator();
    List<Object> ids = new ArrayList<>();
    assertThatThrownBy(() -> it.forEachRemaining(p -> ids.add(p.get("id"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no call for c3");
    assertThat(ids).containsExactly("p1", "p2", "p3", "p4");
    assertThat(requested).containsExactly(null, "c2");
  }

  @Test
  void closingTheStreamCancelsTheRequestInFlight() {
    pages = 3;
    blockedPage = 2;
    serve();
    Stream<Map<String, Object>> stream = pager(f -> { }).prefetching().stream();
    Iterator<Map<String, Object>> it = stream.iterator();
    assertThat(it.next().get("id")).isEqualTo("p1");
    await("c2 is requested", () -> wasRequested("c2"));
    assertThat(client.dispatcher().runningCallsCount()).isEqualTo(1);

    stream.close();
    await("no call running", () -> client.dispatcher().runningCallsCount() == 0);
    releaseBlockedPage.countDown();
    awaitNoCallInFlight();
    assertThat(requested).containsExactly(null, "c2");
  }

  @Test
  void anInterruptedWaitCancelsFetchingAndKeepsTheInterruptFlag() throws Exception {
    pages = 3;
    blockedPage = 2;
    serve();
    Iterator<Map<String, Object>> it = pager(f -> { }).prefetching().iterator();
    it.next();
    it.next();
    List<Throwable> thrown = new ArrayList<>();
    List<Boolean> interruptedAfter = new ArrayList<>();
    Thread consumer = new Thread(() -> {
      try {
        it.hasNext();
      } catch (RuntimeException e) {
        thrown.add(e);
      }
      interruptedAfter.add(Thread.currentThread().isInterrupted());
    });
    consumer.start();
    await("c2 is requested", () -> wasRequested("c2"));
    await("the consumer waits in take()", () -> consumer.getState() == Thread.State.WAITING);
    consumer.interrupt();
    consumer.join(5_000);
    assertThat(thrown).singleElement().asInstanceOf(InstanceOfAssertFactories.THROWABLE)
        .isInstanceOf(KlaviyoException.class)
        .hasMessage("interrupted while waiting for the next page");
    assertThat(interruptedAfter).containsExactly(true);
    await("no call running", () -> client.dispatcher().runningCallsCount() == 0);
  }

  @Test
  void mappedPagesArePrefetchedToo() {
    pages = 4;
    serve();
    Page<String> first = fetcher(f -> { }).load(null).map(p -> "#" + p.get("id"));
    Iterator<String> it = first.autoPager().prefetching().iterator();
    assertThat(it.next()).isEqualTo("#p1");
    await("three requests", () -> requestCount() == 3);
    List<String> rest = new ArrayList<>();
    it.forEachRemaining(rest::add);
    assertThat(rest).containsExactly("#p2", "#p3", "#p4", "#p5", "#p6", "#p7", "#p8");
  }

  @Test
  void aPageLinkingToItselfIsReportedAndNotFetchedAgain() {
    pages = 5;
    selfLinkingPage = 2;
    serve();
    Iterator<Map<String, Object>> it = pager(f -> { }).prefetching().iterator();
    it.next();
    it.next();
    assertThatThrownBy(it::hasNext)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the page at cursor c2 links to itself as next page");
    awaitNoCallInFlight();
    assertThat(requested).containsExactly(null, "c2");
  }

  @Test
  void prefetchingIsAViewOfTheSameListing() {
    pages = 2;
    serve();
    AutoPager<Map<String, Object>> pager = JsonApiPages.create(client).autoPager(server.url("/api/profiles"));
    AutoPager<Map<String, Object>> prefetching = pager.prefetching();
    assertThat(prefetching.isPrefetching()).isTrue();
    assertThat(prefetching.prefetching()).isSameAs(prefetching);
    assertThat(ids(prefetching)).isEqualTo(ids(pager)).containsExactly("p1", "p2", "p3", "p4");
  }
}
