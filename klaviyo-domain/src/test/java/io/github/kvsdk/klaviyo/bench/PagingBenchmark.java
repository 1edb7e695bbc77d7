package io.github.kvsdk.klaviyo.bench;

import com.squareup.moshi.JsonReader;
import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.catalog.OperationCatalog;
import io.github.kvsdk.klaviyo.generated.model.GetProfileResponseData;
import io.github.kvsdk.klaviyo.paging.JsonApiPages;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import io.github.kvsdk.klaviyo.ratelimit.Limit;
import io.github.kvsdk.klaviyo.ratelimit.OperationLimit;
import io.github.kvsdk.klaviyo.ratelimit.OperationLimits;
import io.github.kvsdk.klaviyo.ratelimit.RateLimiterConfig;
import io.github.kvsdk.klaviyo.ratelimit.SpecOperationLimits;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Okio;

/**
 * The cost of the auto-pager over the network floor: every profile of a large sandbox account listed through
 * {@code client.profiles().listAll(...)} (typed models, every object visited), against the very same GET
 * requests sent with a bare {@link OkHttpClient} whose response bodies are read and discarded.
 *
 * <p>Both sides run in this JVM against one sandbox (rate limits off). The request sequence is fixed before
 * timing starts: a bare-OkHttp walk follows {@code links.next} with a minimal streaming parse, the SDK's
 * warm-up run records the URLs it sends, the two cursor sequences must agree, and the floor then replays the
 * SDK's exact URLs. After two warm-up rounds, measured runs alternate floor / typed SDK / untyped SDK; the
 * report gives the median of each, their ratio to the floor (issue 4 target: at most 1.25) and the calling
 * thread's CPU time, which isolates the client-side work from the sandbox's (same-JVM) threads. The untyped
 * side is the same listing through {@link JsonApiPages} (resources as JSON trees, as the poller reads them),
 * to separate the cost of model binding from the cost of the pager and the HTTP stack.
 *
 * <p>The SDK client is the default configuration (retries, logging, headers, API key) with the client-side
 * rate limiter <em>on</em>: it still looks up each request's operation and books it in its windows, but the
 * spec's limits are multiplied by {@value #LIMIT_SCALE} so that it never makes the run wait.
 *
 * <p>Run with {@code klaviyo-domain/bench/paging.sh}. Arguments: profiles (default 100000), measured runs
 * per side (default 3), page size (default 100, the maximum for {@code get_profiles}).
 */
public final class PagingBenchmark {
  private static final int LIMIT_SCALE = 1000;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    int profiles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int pageSize = args.length > 2 ? Integer.parseInt(args[2]) : 100;

    long seedStart = System.nanoTime();
    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder().rateLimits(false).seedProfiles(profiles).start()) {
      System.out.printf(Locale.ROOT, "sandbox seeded with %d profiles in %.1f s; java %s, %d cores%n",
          profiles, seconds(System.nanoTime() - seedStart), System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors());

      KlaviyoClient client = KlaviyoClient.builder()
          .apiKey(sandbox.defaultApiKey())
          .baseUrl(sandbox.baseUrl())
          .rateLimiting(RateLimiterConfig.builder().operationLimits(scaled(SpecOperationLimits.packaged())).build())
          .build();
      QueryOptions options = QueryOptions.builder().pageSize(pageSize).build();
      Floor floor = new Floor(new OkHttpClient(), sandbox.defaultApiKey(), client.revision(), client.userAgent());

      // The floor's own view of the sequence: follow links.next, reading nothing but the cursor.
      List<String> walked = floor.walk(client.baseUrl().resolve("/api/profiles?page[size]=" + pageSize));

      // Warm-up of the SDK, recording the exact URLs it sends (a separate client, so the measured one has
      // no recording interceptor).
      List<HttpUrl> sdkUrls = new CopyOnWriteArrayList<>();
      KlaviyoClient recording = client.withOptions(b -> b.okHttpClient(new OkHttpClient.Builder()
          .addNetworkInterceptor(chain -> {
            sdkUrls.add(chain.request().url());
            return chain.proceed(chain.request());
          })
          .build()));
      Result warmSdk = sdk(recording, options);
      check(warmSdk.objects == profiles, "the SDK saw " + warmSdk.objects + " profiles, expected " + profiles);
      List<String> sdkCursors = new ArrayList<>();
      for (HttpUrl url : sdkUrls) sdkCursors.add(url.queryParameter("page[cursor]"));
      check(sdkCursors.equals(walked), "the SDK requested cursors " + abbreviate(sdkCursors)
          + " but links.next leads through " + abbreviate(walked));
      List<HttpUrl> urls = List.copyOf(sdkUrls);
      System.out.printf(Locale.ROOT, "request sequence: %d GETs of %s (page[size]=%d), identical for both sides%n",
          urls.size(), urls.get(0).encodedPath(), pageSize);

      Result warmFloor = floor.replay(urls);
      check(warmFloor.pages == urls.size(), "the floor fetched " + warmFloor.pages + " pages");
      Result warmTrees = sdkTrees(client, options);
      check(warmTrees.objects == profiles && warmTrees.pages == urls.size(),
          "the untyped pager saw " + warmTrees.objects + " profiles in " + warmTrees.pages + " pages");
      // A second warm-up round, so every path is compiled before anything is timed.
      sdk(client, options);
      sdkTrees(client, options);
      floor.replay(urls);

      List<Long> floorNanos = new ArrayList<>();
      List<Long> sdkNanos = new ArrayList<>();
      List<Long> treesNanos = new ArrayList<>();
      List<Long> floorCpu = new ArrayList<>();
      List<Long> sdkCpu = new ArrayList<>();
      List<Long> treesCpu = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        Result f = timed(() -> floor.replay(urls));
        floorNanos.add(f.nanos);
        floorCpu.add(f.cpuNanos);
        Result s = timed(() -> sdk(client, options));
        sdkNanos.add(s.nanos);
        sdkCpu.add(s.cpuNanos);
        check(s.objects == profiles && s.pages == urls.size(), "run " + run + ": the SDK saw " + s.objects
            + " profiles in " + s.pages + " pages");
        Result t = timed(() -> sdkTrees(client, options));
        treesNanos.add(t.nanos);
        treesCpu.add(t.cpuNanos);
        check(t.objects == profiles && t.pages == urls.size(), "run " + run + ": the untyped pager saw "
            + t.objects + " profiles in " + t.pages + " pages");
        System.out.printf(Locale.ROOT, "run %d: floor %.3f s (caller CPU %.3f s; %d pages, %.1f MB), typed SDK %.3f s"
                + " (caller CPU %.3f s; %d profiles), untyped SDK %.3f s (caller CPU %.3f s)%n",
            run, seconds(f.nanos), seconds(f.cpuNanos), f.pages, f.bytes / 1e6, seconds(s.nanos),
            seconds(s.cpuNanos), s.objects, seconds(t.nanos), seconds(t.cpuNanos));
      }
      double floorMedian = seconds(median(floorNanos));
      double sdkMedian = seconds(median(sdkNanos));
      System.out.printf(Locale.ROOT, "median floor: %.3f s (%.2f ms/page)%n", floorMedian,
          floorMedian * 1000 / urls.size());
      double treesMedian = seconds(median(treesNanos));
      System.out.printf(Locale.ROOT, "median typed SDK (client.profiles().listAll): %.3f s (%.2f ms/page, %.0f profiles/s)%n",
          sdkMedian, sdkMedian * 1000 / urls.size(), profiles / sdkMedian);
      System.out.printf(Locale.ROOT, "median untyped SDK (JsonApiPages.autoPager): %.3f s (%.2f ms/page)%n",
          treesMedian, treesMedian * 1000 / urls.size());
      System.out.printf(Locale.ROOT, "ratio typed SDK/floor: %.3f, untyped SDK/floor: %.3f (target <= 1.25)%n",
          sdkMedian / floorMedian, treesMedian / floorMedian);
      System.out.printf(Locale.ROOT, "caller-thread CPU, median: floor %.3f s, typed SDK %.3f s, untyped SDK %.3f s"
              + " (client-side work only; the sandbox's threads excluded)%n",
          seconds(median(floorCpu)), seconds(median(sdkCpu)), seconds(median(treesCpu)));
    }
  }

  /**
   * Lists every profile through the untyped paging API ({@link JsonApiPages}: resources as JSON trees, as the
   * polling trigger reads them), touching each one.
   */
  private static Result sdkTrees(KlaviyoClient client, QueryOptions options) {
    HttpUrl first = JsonApiPages.listUrl(client.baseUrl(), OperationCatalog.packaged().operation("get_profiles"),
        options);
    long objects = 0;
    long checksum = 0;
    long pages = 0;
    for (Page<Map<String, Object>> page : JsonApiPages.create(client.httpClient()).autoPager(first).pages()) {
      pages++;
      for (Map<String, Object> profile : page.data()) {
        objects++;
        checksum += profile.get("id").hashCode();
      }
    }
    return new Result(pages, objects, checksum);
  }

  /** Lists every profile through the typed auto-pager and touches each one, as a caller would. */
  private static Result sdk(KlaviyoClient client, QueryOptions options) {
    long objects = 0;
    long checksum = 0;
    long pages = 0;
    for (var page : client.profiles().listAll(options).pages()) {
      pages++;
      for (GetProfileResponseData profile : page.data()) {
        objects++;
        checksum += profile.getId().hashCode();
      }
    }
    return new Result(pages, objects, checksum);
  }

  private static Result timed(IoSupplier<Result> run) throws IOException {
    System.gc(); // Start each run with a clean heap so one side does not pay for the other's garbage.
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    Result result = run.get();
    long nanos = System.nanoTime() - start;
    return new Result(nanos, THREADS.getCurrentThreadCpuTime() - cpuStart, result.pages, result.objects,
        result.bytes);
  }

  /** The same requests over a bare OkHttp client: headers set by hand, bodies discarded unread. */
  private static final class Floor {
    private final OkHttpClient http;
    private final String apiKey;
    private final String revision;
    private final String userAgent;

    Floor(OkHttpClient http, String apiKey, String revision, String userAgent) {
      this.http = http;
      this.apiKey = apiKey;
      this.revision = revision;
      this.userAgent = userAgent;
    }

    private Request request(HttpUrl url) {
      return new Request.Builder()
          .url(url)
          .header("Authorization", "Klaviyo-API-Key " + apiKey)
          .header("revision", revision)
          .header("Accept", "application/vnd.api+json")
          .header("User-Agent", userAgent)
          .build();
    }

    /** Follows {@code links.next} from {@code first}; returns each request's cursor (null for the first). */
    List<String> walk(HttpUrl first) throws IOException {
      List<String> cursors = new ArrayList<>();
      HttpUrl url = first;
      while (url != null) {
        cursors.add(url.queryParameter("page[cursor]"));
        String next;
        try (Response response = http.newCall(request(url)).execute()) {
          check(response.code() == 200, "GET " + url + " returned " + response.code());
          next = nextLink(JsonReader.of(response.body().source()));
        }
        url = next == null ? null : HttpUrl.get(next);
      }
      return cursors;
    }

    /** Reads only {@code links.next}, skipping every other value. */
    private static String nextLink(JsonReader json) throws IOException {
      String next = null;
      json.beginObject();
      while (json.hasNext()) {
        if (!json.nextName().equals("links")) {
          json.skipValue();
          continue;
        }
        json.beginObject();
        while (json.hasNext()) {
          if (json.nextName().equals("next") && json.peek() == JsonReader.Token.STRING) {
            next = json.nextString();
          } else {
            json.skipValue();
          }
        }
        json.endObject();
      }
      json.endObject();
      return next;
    }

    Result replay(List<HttpUrl> urls) throws IOException {
      long bytes = 0;
      long pages = 0;
      for (HttpUrl url : urls) {
        try (Response response = http.newCall(request(url)).execute()) {
          check(response.code() == 200, "GET " + url + " returned " + response.code());
          bytes += response.body().source().readAll(Okio.blackhole());
          pages++;
        }
      }
      return new Result(pages, 0, bytes);
    }
  }

  /** The spec's limits, {@value #LIMIT_SCALE} times larger: the limiter does all its work but never waits. */
  private static OperationLimits scaled(OperationLimits limits) {
    return (method, encodedPath) -> limits.forRequest(method, encodedPath).map(op -> new OperationLimit(
        op.operationKey(), new Limit(op.limit().perSecond() * LIMIT_SCALE, op.limit().perMinute() * LIMIT_SCALE,
            op.limit().perDay() * LIMIT_SCALE)));
  }

  /**
   * One pass: elapsed time and the calling thread's CPU time when timed, pages fetched, objects seen, and
   * bytes (floor) or a checksum (SDK).
   */
  private record Result(long nanos, long cpuNanos, long pages, long objects, long bytes) {
    Result(long pages, long objects, long bytes) {
      this(0, 0, pages, objects, bytes);
    }
  }

  @FunctionalInterface
  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static String abbreviate(List<String> cursors) {
    return cursors.size() <= 4 ? cursors.toString() : cursors.subList(0, 4) + "... (" + cursors.size() + ")";
  }

  private static void check(boolean condition, String message) {
    if (!condition) throw new IllegalStateException(message);
  }

  private PagingBenchmark() {}
}
