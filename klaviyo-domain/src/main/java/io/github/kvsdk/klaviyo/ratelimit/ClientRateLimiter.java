package io.github.kvsdk.klaviyo.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import okhttp3.Headers;

/**
 * Keeps one client's request rate under each operation's limits, so that a busy client waits briefly instead of
 * collecting 429s.
 *
 * <p>Each operation (method + path template) keeps a log of its last N requests per window (1 s burst, 60 s
 * steady and, where declared, 24 h daily). A request may start only once the request N places before it
 * finished at least one window length (plus {@link RateLimiterConfig#safetyMargin()}) ago. Klaviyo counts a
 * request when it arrives, which is somewhere between its start and the end of its response; measuring from
 * the end therefore bounds every server window, fixed or sliding, to N requests however slow the network.
 * Unlike a token bucket, whose capacity lets one window see capacity + rate requests, this never overshoots,
 * yet a steady stream still reaches the full steady rate.
 *
 * <p>Callers reserve a slot under a short per-operation lock and sleep outside it, so concurrent callers queue
 * fairly. Klaviyo's {@code RateLimit-Remaining}/{@code RateLimit-Reset} headers and a 429's {@code Retry-After}
 * pause an operation, which matters when other clients share the account's quota. Thread-safe.
 */
public final class ClientRateLimiter {
  private static final long SECOND = 1_000;
  private static final long MINUTE = 60_000;
  private static final long DAY = 86_400_000;

  private final RateLimiterConfig config;
  private final ConcurrentMap<String, OperationWindows> windows = new ConcurrentHashMap<>();

  /**
   * A limiter with every window empty.
   *
   * @param config the limits and how to wait
   */
  public ClientRateLimiter(RateLimiterConfig config) {
    this.config = config;
  }

  /** {@return the configuration this limiter was built with} */
  public RateLimiterConfig config() {
    return config;
  }

  /**
   * Waits until a request to {@code method} {@code encodedPath} may start, and counts it. Returns a permit to
   * hand back to {@link #complete} when the exchange ends, or empty if the request has no declared limit (or
   * limiting is disabled).
   *
   * @param method the HTTP method in upper case, such as {@code GET}
   * @param encodedPath the request's encoded path, such as {@code /api/profiles/01H...}
   * @return the permit of the started request, or empty if it is not limited
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public Optional<Permit> acquire(String method, String encodedPath) throws InterruptedException {
    Optional<Permit> permit = reserve(method, encodedPath, Duration.ofMillis(Long.MAX_VALUE));
    if (permit.isPresent()) {
      Duration wait = waitFor(permit.get());
      if (!wait.isZero()) config.sleeper().sleep(wait);
    }
    return permit;
  }

  /**
   * Reserves the next slot of {@code method} {@code encodedPath} without waiting for it: the request may
   * start once {@link #waitFor} the permit is zero. Empty if the request has no declared limit (or limiting is
   * disabled). If the slot would start later than {@code maxWait} from now, nothing is reserved and the
   * returned permit is {@linkplain Permit#isRefused() refused}, telling how long the wait would have been.
   *
   * @param method the HTTP method in upper case, such as {@code GET}
   * @param encodedPath the request's encoded path, such as {@code /api/profiles/01H...}
   * @param maxWait the longest wait the caller accepts; a slot later than that is refused
   * @return the reserved (or refused) permit, or empty if the request is not limited
   */
  public Optional<Permit> reserve(String method, String encodedPath, Duration maxWait) {
    if (!config.enabled()) return Optional.empty();
    Optional<OperationLimit> operation = config.operationLimits().forRequest(method, encodedPath);
    if (operation.isEmpty()) return Optional.empty();
    OperationWindows window = windowsFor(operation.get());
    long now = config.clock().millis();
    long latest = maxWait.toMillis() >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + maxWait.toMillis();
    return Optional.of(window.reserve(operation.get(), now, latest));
  }

  /**
   * {@return how long from now until {@code permit}'s request may start; zero if it may start now}
   *
   * @param permit a permit {@link #acquire} or {@link #reserve} returned
   */
  public Duration waitFor(Permit permit) {
    long wait = permit.startMillis - config.clock().millis();
    return wait > 0 ? Duration.ofMillis(wait) : Duration.ZERO;
  }

  /**
   * Records that the exchange of {@code permit} ended now and feeds back the response's quota headers
   * ({@code status} is -1 and {@code headers} empty if no response arrived). {@code RateLimit-Remaining: 0}
   * pauses the operation for {@code RateLimit-Reset} seconds; a 429's {@code Retry-After} pauses it that long.
   *
   * @param permit the permit {@link #acquire} or {@link #reserve} returned for the request; a refused one is
   *     ignored
   * @param status the response's HTTP status, or -1 if no response arrived
   * @param headers the response's headers, or empty headers if no response arrived
   */
  public void complete(Permit permit, int status, Headers headers) {
    if (permit.isRefused()) return;
    long now = config.clock().millis();
    OperationWindows window = windowsFor(permit.operation);
    long pauseMillis = 0;
    Long remaining = seconds(headers.get("RateLimit-Remaining"));
    Long reset = seconds(headers.get("RateLimit-Reset"));
    if (remaining != null && remaining <= 0 && reset != null) pauseMillis = reset * SECOND;
    if (status == 429) {
      Long retryAfter = seconds(headers.get("Retry-After"));
      if (retryAfter != null) pauseMillis = Math.max(pauseMillis, retryAfter * SECOND);
    }
    window.complete(permit, now, pauseMillis > 0 ? now + pauseMillis : 0);
  }

  private OperationWindows windowsFor(OperationLimit operation) {
    return windows.computeIfAbsent(operation.operationKey(),
        k -> new OperationWindows(operation.limit(), config.safetyMargin().toMillis()));
  }

  private static Long seconds(String value) {
    if (value == null) return null;
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** One counted request: the operation it counts against and its slot in each window. */
  public static final class Permit {
    private final OperationLimit operation;
    private final long startMillis;
    private final long sequence;

    private Permit(OperationLimit operation, long startMillis, long sequence) {
      this.operation = operation;
      this.startMillis = startMillis;
      this.sequence = sequence;
    }

    /** {@return true if no slot was reserved because it would have started too late; see {@link #reserve}} */
    public boolean isRefused() {
      return sequence < 0;
    }

    /** {@return the operation the permit was granted for} */
    public OperationLimit operation() {
      return operation;
    }

    /** {@return when the request was allowed to start, in the limiter clock's milliseconds} */
    public long startMillis() {
      return startMillis;
    }
  }

  /** The request logs of one operation. */
  private static final class OperationWindows {
    private final Window second;
    private final Window minute;
    private final Window day;
    private long reserved;
    private long pausedUntil;

    OperationWindows(Limit limit, long margin) {
      this.second = new Window(limit.perSecond(), SECOND + margin);
      this.minute = new Window(limit.perMinute(), MINUTE + margin);
      this.day = limit.perDay() > 0 ? new Window(limit.perDay(), DAY + margin) : null;
    }

    synchronized Permit reserve(OperationLimit operation, long now, long latestStart) {
      long start = Math.max(now, pausedUntil);
      start = Math.max(start, second.earliestStart(reserved));
      start = Math.max(start, minute.earliestStart(reserved));
      if (day != null) start = Math.max(start, day.earliestStart(reserved));
      if (start > latestStart) return new Permit(operation, start, -1);
      long sequence = reserved++;
      second.record(sequence, start);
      minute.record(sequence, start);
      if (day != null) day.record(sequence, start);
      return new Permit(operation, start, sequence);
    }

    synchronized void complete(Permit permit, long end, long pauseUntil) {
      second.finish(permit.sequence, reserved, end);
      minute.finish(permit.sequence, reserved, end);
      if (day != null) day.finish(permit.sequence, reserved, end);
      pausedUntil = Math.max(pausedUntil, pauseUntil);
    }
  }

  /**
   * The times of the last {@code capacity} requests, indexed by reservation sequence: a request's start when
   * reserved, raised to its end when it completes. The slot a new request takes holds the request
   * {@code capacity} places before it.
   */
  private static final class Window {
    private final long[] times;
    private final long length;

    Window(int capacity, long length) {
      this.times = new long[capacity];
      this.length = length;
    }

    long earliestStart(long sequence) {
      return sequence < times.length ? Long.MIN_VALUE : times[(int) (sequence % times.length)] + length;
    }

    void record(long sequence, long start) {
      times[(int) (sequence % times.length)] = start;
    }

    void finish(long sequence, long reserved, long end) {
      if (reserved - sequence > times.length) return; // Already overwritten by a later request.
      int slot = (int) (sequence % times.length);
      times[slot] = Math.max(times[slot], end);
    }
  }
}
