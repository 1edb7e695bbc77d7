package io.github.kvsdk.klaviyo.bench;

import com.squareup.moshi.JsonReader;
import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.catalog.OperationCatalog;
import io.github.kvsdk.klaviyo.generated.model.GetProfilesResultData;
import io.github.kvsdk.klaviyo.paging.AutoPager;
import io.github.kvsdk.klaviyo.paging.JsonApiPages;
import io.github.kvsdk.klaviyo.paging.Page;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import io.github.kvsdk.klaviyo.ratelimit.Limit;
import io.github.kvsdk.klaviyo.ratelimit.OperationLimit;
import io.github.kvsdk.klaviyo.ratelimit.OperationLimits;
import io.github.kvsdk.klaviyo.ratelimit.RateLimiterConfig;
import io.github.kvsdk.klaviyo.sandbox.cli.SandboxProcess;
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
 * <p>Every side runs in this JVM against one sandbox (rate limits off) started in a JVM of its own, as a
 * server would be, so that its allocation and collections do not pause the client. The request sequence is fixed before
 * timing starts: a bare-OkHttp walk follows {@code links.next} with a minimal streaming parse, the SDK's
 * warm-up runs (lazy and prefetching) record the URLs they send, the cursor sequences must agree, and the
 * floor then replays the SDK's exact URLs. After two warm-up rounds, each measured run times every side once,
 * in turn: the floor; the typed auto-pager, lazy and {@linkplain AutoPager#prefetching() prefetching}; and the
 * untyped pager ({@link JsonApiPages}: resources as JSON trees, as the poller reads them, which separates the
 * cost of model binding from that of the pager and the HTTP stack), lazy and prefetching. The report gives
 * the median of each side, its ratio to the floor's median and the median of its per-run ratios to the
 * floor, the calling thread's CPU time and this JVM's CPU time (a prefetching pager moves the HTTP work to a
 * background thread).
 *
 * <p>The SDK client is the default configuration (retries, logging, headers, API key) with the client-side
 * rate limiter <em>on</em>: it still looks up each request's operation and books it in its windows, but the
 * spec's limits are multiplied by {@value #LIMIT_SCALE} so that it never makes the run wait.
 *
 * <p>Run with {@code klaviyo-domain/bench/paging.sh}. Arguments: profiles (default 100000), measured runs
 * per side (default 5), page size (default 100, the maximum for {@code get_profiles}).
 */
public final class PagingBenchmark {
  private static final int LIMIT_SCALE = 1000;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  public static void main(String[] args) throws Exception {
    int profiles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int pageSize = args.length > 2 ? Integer.parseInt(args[2]) : 100;

    long seedStart = System.nanoTime();
    // The sandbox runs in a JVM of its own, as a real server would: its garbage collections and heap do not
    // stop or crowd the client's. It still shares the machine's cores, as the floor's does.
    try (SandboxProcess sandbox = SandboxProcess.start(List.of("-Xms1g", "-Xmx2g"), List.of("--no-rate-limits",
        "--seed-profiles", Integer.toString(profiles), "--seed-flows", "0", "--seed-forms", "0"))) {
      System.out.printf(Locale.ROOT, "sandbox (own JVM) seeded with %d profiles in %.1f s; java %s, %d cores%n",
          profiles, seconds(System.nanoTime() - seedStart), System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors());

      KlaviyoClient client = KlaviyoClient.builder()
          .apiKey(sandbox.apiKey())
          .baseUrl(sandbox.baseUrl())
          .rateLimiting(RateLimiterConfig.builder().operationLimits(scaled(RateLimiterConfig.defaults().operationLimits())).build())
          .build();
      QueryOptions options = QueryOptions.builder().pageSize(pageSize).build();
      Floor floor = new Floor(new OkHttpClient(), sandbox.apiKey(), client.revision(), client.userAgent());

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
      Result warmSdk = sdk(recording, options, false);
      check(warmSdk.objects == profiles, "the SDK saw " + warmSdk.objects + " profiles, expected " + profiles);
      List<String> sdkCursors = new ArrayList<>();
      for (HttpUrl url : sdkUrls) sdkCursors.add(url.queryParameter("page[cursor]"));
      check(sdkCursors.equals(walked), "the SDK requested cursors " + abbreviate(sdkCursors)
          + " but links.next leads through " + abbreviate(walked));
      List<HttpUrl> urls = List.copyOf(sdkUrls);
      sdkUrls.clear();
      sdk(recording, options, true);
      check(sdkUrls.equals(urls), "the prefetching pager sent other requests than the lazy one");
      System.out.printf(Locale.ROOT, "request sequence: %d GETs of %s (page[size]=%d), identical for every side%n",
          urls.size(), urls.get(0).encodedPath(), pageSize);

      Result warmFloor = floor.replay(urls);
      check(warmFloor.pages == urls.size(), "the floor fetched " + warmFloor.pages + " pages");

      List<Side> sides = List.of(
          new Side("floor (bare OkHttp, body discarded)", () -> floor.replay(urls)),
          new Side("typed: client.profiles().listAll(o)", () -> sdk(client, options, false)),
          new Side("typed: client.profiles().listAll(o).prefetching()", () -> sdk(client, options, true)),
          new Side("untyped: JsonApiPages.autoPager(url)", () -> sdkTrees(client, options, false)),
          new Side("untyped: JsonApiPages.autoPager(url).prefetching()", () -> sdkTrees(client, options, true)));
      // Two warm-up rounds, so every path is compiled before anything is timed; the SDK sides must see every
      // profile in exactly the floor's pages.
      for (int round = 0; round < 2; round++) {
        for (Side side : sides.subList(1, sides.size())) {
          Result r = side.run.get();
          check(r.objects == profiles && r.pages == urls.size(),
              side.name + " saw " + r.objects + " profiles in " + r.pages + " pages");
        }
        floor.replay(urls);
      }

      for (int run = 1; run <= runs; run++) {
        StringBuilder line = new StringBuilder("run " + run + ":");
        for (Side side : sides) {
          Result r = timed(side.run);
          if (side != sides.get(0)) {
            check(r.objects == profiles && r.pages == urls.size(),
                "run " + run + ": " + side.name + " saw " + r.objects + " profiles in " + r.pages + " pages");
          }
          side.nanos.add(r.nanos);
          side.cpuNanos.add(r.cpuNanos);
          side.processCpuNanos.add(r.processCpuNanos);
          line.append(String.format(Locale.ROOT, " %s %.3f s;", side.shortName(), seconds(r.nanos)));
        }
        System.out.println(line);
      }
      double floorMedian = seconds(median(sides.get(0).nanos));
      System.out.printf(Locale.ROOT, "%d pages, %d profiles; medians of %d runs (ratio: of the median to the"
          + " floor's median, and the median of each run's ratio to the floor's time in the same run, which"
          + " cancels load that drifts between runs; CPU time of the calling thread and of this client JVM;"
          + " the sandbox runs in a JVM of its own):%n", urls.size(), profiles, runs);
      for (Side side : sides) {
        double median = seconds(median(side.nanos));
        List<Double> runRatios = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
          runRatios.add((double) side.nanos.get(run) / sides.get(0).nanos.get(run));
        }
        Collections.sort(runRatios);
        double medianRunRatio = runs % 2 == 1 ? runRatios.get(runs / 2)
            : (runRatios.get(runs / 2 - 1) + runRatios.get(runs / 2)) / 2;
        System.out.printf(Locale.ROOT, "  %-52s %.3f s  %.2f ms/page  %6.0f profiles/s  ratio %.2f"
                + "  run ratio %.2f  caller CPU %.3f s  process CPU %.3f s%n",
            side.name, median, median * 1000 / urls.size(), profiles / median, median / floorMedian,
            medianRunRatio, seconds(median(side.cpuNanos)), seconds(median(side.processCpuNanos)));
      }
    }
  }

  /** One way of listing every profile, and its measurements. */
  private static final class Side {
    final String name;
    final IoSupplier<Result> run;
    final List<Long> nanos = new ArrayList<>();
    final List<Long> cpuNanos = new ArrayList<>();
    final List<Long> processCpuNanos = new ArrayList<>();

    Side(String name, IoSupplier<Result> run) {
      this.name = name;
      this.run = run;
    }

    String shortName() {
      return name.substring(0, name.indexOf(':') < 0 ? name.indexOf(' ') : name.indexOf(':'))
          + (name.contains("prefetching") ? "+prefetch" : "");
    }
  }

  /**
   * Lists every profile through the untyped paging API ({@link JsonApiPages}: resources as JSON trees, as the
   * polling trigger reads them), touching each one.
   */
  private static Result sdkTrees(KlaviyoClient client, QueryOptions options, boolean prefetch) {
    HttpUrl first = JsonApiPages.listUrl(client.baseUrl(), OperationCatalog.packaged().operation("get_profiles"),
        options);
    long objects = 0;
    long checksum = 0;
    long pages = 0;
    AutoPager<Map<String, Object>> pager = JsonApiPages.create(client.httpClient()).autoPager(first);
    for (Page<Map<String, Object>> page : (prefetch ? pager.prefetching() : pager).pages()) {
      pages++;
      for (Map<String, Object> profile : page.data()) {
        objects++;
        checksum += profile.get("id").hashCode();
      }
    }
    return new Result(pages, objects, checksum);
  }

  /** Lists every profile through the typed auto-pager and touches each one, as a caller would. */
  private static Result sdk(KlaviyoClient client, QueryOptions options, boolean prefetch) {
    long objects = 0;
    long checksum = 0;
    long pages = 0;
    AutoPager<GetProfilesResultData> pager = client.profiles().listAll(options);
    for (var page : (prefetch ? pager.prefetching() : pager).pages()) {
      pages++;
      for (GetProfilesResultData profile : page.data()) {
        objects++;
        checksum += profile.getId().hashCode();
      }
    }
    return new Result(pages, objects, checksum);
  }

  private static Result timed(IoSupplier<Result> run) throws IOException {
    System.gc(); // Start each run with a clean heap so one side does not pay for the other's garbage.
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long processCpuStart = PROCESS.getProcessCpuTime();
    long start = System.nanoTime();
    Result result = run.get();
    long nanos = System.nanoTime() - start;
    return new Result(nanos, THREADS.getCurrentThreadCpuTime() - cpuStart, PROCESS.getProcessCpuTime() - processCpuStart,
        result.pages, result.objects, result.bytes);
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
  private record Result(long nanos, long cpuNanos, long processCpuNanos, long pages, long objects, long bytes) {
    Result(long pages, long objects, long bytes) {
      this(0, 0, 0, pages, objects, bytes);
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
