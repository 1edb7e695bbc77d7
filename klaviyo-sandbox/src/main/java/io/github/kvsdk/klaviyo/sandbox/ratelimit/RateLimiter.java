package io.github.kvsdk.klaviyo.sandbox.ratelimit;

import io.github.kvsdk.klaviyo.sandbox.ratelimit.RateLimit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Klaviyo's fixed-window rate limits: per operation and credential, a 1-second burst window, a 1-minute
 * steady window and, for a few operations, a daily window.
 *
 * <p>Time can run faster than real time ({@code timeScale > 1}) so that tests can exhaust and recover a
 * one-minute window in a fraction of a second; {@code Retry-After} and {@code RateLimit-Reset} are then
 * given in real seconds, rounded up.
 */
public final class RateLimiter {
  /** The outcome of one request. */
  public record Decision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {}

  private final Map<String, Windows> windows = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;
  private final long startNanos;
  private final long startMillis;
  private volatile double timeScale;
  private volatile boolean enabled;

  /**
   * A limiter with every window empty.
   *
   * @param enabled true to enforce the limits
   * @param timeScale how many times faster than real time windows pass
   */
  public RateLimiter(boolean enabled, double timeScale) {
    this(enabled, timeScale, System::nanoTime, System.currentTimeMillis());
  }

  /** Reads time from {@code nanoTime}, starting at wall-clock {@code startMillis}; for tests. */
  RateLimiter(boolean enabled, double timeScale, LongSupplier nanoTime, long startMillis) {
    if (!(timeScale > 0)) {
      throw new IllegalArgumentException("timeScale must be > 0, was " + timeScale);
    }
    this.enabled = enabled;
    this.timeScale = timeScale;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
    this.startMillis = startMillis;
  }

  /** {@return whether limits are enforced} */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Turns limiting on or off; turning it on starts from empty windows.
   *
   * @param enabled true to answer requests over a limit with 429
   */
  public void enabled(boolean enabled) {
    if (enabled && !this.enabled) {
      windows.clear();
    }
    this.enabled = enabled;
  }

  /** {@return how many times faster than real time windows pass} */
  public double timeScale() {
    return timeScale;
  }

  /** Forgets all counts. */
  public void reset() {
    windows.clear();
  }

  /**
   * Counts one request of {@code operationId} by {@code quotaKey}, unless it is over a limit.
   *
   * @param quotaKey whose quota the request counts against (the credential)
   * @param operationId the operation id
   * @param limit the operation's published limits
   * @return whether the request may proceed, and if not, how long to wait
   */
  public Decision acquire(String quotaKey, String operationId, RateLimit limit) {
    if (!enabled || limit.steadyPerMinute() == 0 && limit.burstPerSecond() == 0) {
      return null;
    }
    long now = scaledMillis();
    Windows w = windows.computeIfAbsent(quotaKey + " " + operationId, k -> new Windows());
    synchronized (w) {
      long second = now / 1_000;
      long minute = now / 60_000;
      long day = now / 86_400_000;
      if (w.second != second) {
        w.second = second;
        w.burst = 0;
      }
      if (w.minute != minute) {
        w.minute = minute;
        w.steady = 0;
      }
      if (w.day != day) {
        w.day = day;
        w.daily = 0;
      }
      long retryScaledMillis = 0;
      if (limit.burstPerSecond() > 0 && w.burst >= limit.burstPerSecond()) {
        retryScaledMillis = Math.max(retryScaledMillis, (second + 1) * 1_000 - now);
      }
      if (limit.steadyPerMinute() > 0 && w.steady >= limit.steadyPerMinute()) {
        retryScaledMillis = Math.max(retryScaledMillis, (minute + 1) * 60_000 - now);
      }
      if (limit.dailyPerDay() > 0 && w.daily >= limit.dailyPerDay()) {
        retryScaledMillis = Math.max(retryScaledMillis, (day + 1) * 86_400_000L - now);
      }
      long resetSeconds = realSeconds((minute + 1) * 60_000 - now);
      if (retryScaledMillis > 0) {
        return new Decision(false, limit.steadyPerMinute(), 0, resetSeconds, realSeconds(retryScaledMillis));
      }
      w.burst++;
      w.steady++;
      w.daily++;
      int remaining = limit.steadyPerMinute() - w.steady;
      return new Decision(true, limit.steadyPerMinute(), Math.max(0, remaining), resetSeconds, 0);
    }
  }

  private long realSeconds(long scaledMillis) {
    return Math.max(1, (long) Math.ceil(scaledMillis / timeScale / 1_000.0));
  }

  private long scaledMillis() {
    double elapsed = (nanoTime.getAsLong() - startNanos) / 1_000_000.0;
    return startMillis + (long) (elapsed * timeScale);
  }

  private static final class Windows {
    long second = -1;
    long minute = -1;
    long day = -1;
    int burst;
    int steady;
    int daily;
  }
}
