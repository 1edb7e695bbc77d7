package io.github.kvsdk.klaviyo.ratelimit;

import io.github.kvsdk.klaviyo.KlaviyoClient;
import io.github.kvsdk.klaviyo.raw.RawRequest;
import io.github.kvsdk.klaviyo.retry.RetryPolicy;
import io.github.kvsdk.klaviyo.retry.Sleeper;
import io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of a busy client against the sandbox with Klaviyo's limits on: {@code threads} callers hammer
 * {@code GET /api/profiles} (75/s burst, 700/min steady) for {@code minutes} of limit time, with retries off so
 * that every 429 counts as a failed call. The sandbox's windows and the client limiter's clock both run
 * {@code timeScale} times faster than real time, so several steady windows fit in a few seconds.
 *
 * <pre>
 * klaviyo-domain/bench/rate-limits.sh 10 3 8
 * </pre>
 * Arguments: time scale (default 10), minutes of limit time (default 3), threads (default 8).
 */
public final class RateLimitBenchmark {
  private static final int STEADY_PER_MINUTE = 700;

  public static void main(String[] args) throws Exception {
    double timeScale = args.length > 0 ? Double.parseDouble(args[0]) : 10;
    int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;

    try (KlaviyoSandbox sandbox = KlaviyoSandbox.builder().rateLimits(true).timeScale(timeScale).build()) {
      ScaledClock clock = new ScaledClock(timeScale);
      KlaviyoClient client = KlaviyoClient.builder()
          .apiKey(sandbox.defaultApiKey())
          .baseUrl(sandbox.baseUrl())
          .retryPolicy(RetryPolicy.none())
          .rateLimiting(RateLimiterConfig.builder()
              .clock(clock)
              .sleeper(d -> Sleeper.SYSTEM.sleep(Duration.ofNanos((long) (d.toNanos() / timeScale))))
              .build())
          .build();
      client.raw().send(RawRequest.get("/api/accounts")); // Warm up connections and the spec index.

      long realMillis = (long) (minutes * 60_000 / timeScale);
      long deadline = System.nanoTime() + realMillis * 1_000_000;
      AtomicLong ok = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long start = System.nanoTime();
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          while (System.nanoTime() < deadline) {
            int status = client.raw().send(RawRequest.get("/api/profiles")).statusCode();
            if (status == 200) ok.incrementAndGet(); else failed.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) worker.get();
      pool.shutdown();
      double elapsedLimitMinutes = (System.nanoTime() - start) / 1e9 * timeScale / 60;
      double perMinute = ok.get() / elapsedLimitMinutes;
      System.out.printf("time scale %.0f, %d threads, %.2f limit-minutes (%.1f s real)%n", timeScale, threads,
          elapsedLimitMinutes, (System.nanoTime() - start) / 1e9);
      System.out.printf("successful calls: %d, failed calls (429 or other): %d%n", ok.get(), failed.get());
      System.out.printf("throughput: %.1f calls/min = %.1f%% of the %d/min steady limit%n", perMinute,
          100 * perMinute / STEADY_PER_MINUTE, STEADY_PER_MINUTE);
    }
  }

  /** Real time sped up {@code factor} times, from the moment of creation. */
  private static final class ScaledClock extends Clock {
    private final double factor;
    private final long startNanos = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();

    ScaledClock(double factor) {
      this.factor = factor;
    }

    @Override
    public long millis() {
      return startMillis + (long) ((System.nanoTime() - startNanos) / 1e6 * factor);
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
