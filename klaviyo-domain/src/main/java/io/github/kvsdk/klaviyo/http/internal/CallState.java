package io.github.kvsdk.klaviyo.http.internal;

import io.github.kvsdk.klaviyo.errors.KlaviyoDeadlineException;
import io.github.kvsdk.klaviyo.errors.internal.TunneledKlaviyoException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;

/**
 * What one logical call carries across its attempts: whether it runs asynchronously, its deadline, the
 * retries spent so far, and a rate-limit permit reserved for its next attempt.
 *
 * <p>The SDK's interceptors wait through {@link #await}: a synchronous call waits on the caller's thread
 * (ending the wait within a few milliseconds of a cancel or interrupt); an asynchronous call never waits on an
 * OkHttp dispatcher thread, it throws {@link DeferredAttempt} and {@link SdkCall} re-enqueues it later. A
 * wait that would end after the deadline fails at once with {@link KlaviyoDeadlineException}.
 *
 * <p>Calls made through {@link SdkHttpClient} carry their state as a request tag; any other call through the
 * same interceptors (a {@code newBuilder()} copy of the client, say) gets a synchronous state as a call tag.
 */
public final class CallState {
  /** How often a synchronous wait checks for cancellation. */
  private static final long CANCEL_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /** Sleeps on the calling thread; the SDK's configurable sleepers fit this shape. */
  @FunctionalInterface
  public interface Pause {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final boolean async;
  private final long timeoutNanos;
  private final long deadlineNanos;
  private final long startNanos = System.nanoTime();
  private int retries;
  private Object heldPermit;
  private Runnable releaseHeldPermit;

  CallState(boolean async, long timeoutNanos) {
    this.async = async;
    this.timeoutNanos = timeoutNanos;
    this.deadlineNanos = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : Long.MAX_VALUE;
  }

  /** The state of the call {@code chain} belongs to. */
  public static CallState of(Interceptor.Chain chain) {
    CallState tagged = chain.request().tag(CallState.class);
    if (tagged != null) return tagged;
    return chain.call().tag(CallState.class, () -> new CallState(false, chain.call().timeout().timeoutNanos()));
  }

  /** When the call started, on {@link System#nanoTime()}'s scale. */
  public long startNanos() {
    return startNanos;
  }

  public boolean isAsync() {
    return async;
  }

  /** Retries already spent by earlier attempts of this call. */
  public synchronized int retries() {
    return retries;
  }

  public synchronized void retries(int retries) {
    this.retries = retries;
  }

  /** Keeps a permit reserved for the next attempt; {@code release} returns it if the call ends first. */
  public synchronized void holdPermit(Object permit, Runnable release) {
    this.heldPermit = permit;
    this.releaseHeldPermit = release;
  }

  /** The permit held for this attempt, now owned by the caller; null if none. */
  public synchronized Object takePermit() {
    Object permit = heldPermit;
    heldPermit = null;
    releaseHeldPermit = null;
    return permit;
  }

  /** Returns a held permit because the call ended (cancelled, client closed) before using it. */
  void releasePermit() {
    Runnable release;
    synchronized (this) {
      release = releaseHeldPermit;
      heldPermit = null;
      releaseHeldPermit = null;
    }
    if (release != null) release.run();
  }

  /** Nanoseconds left before the deadline; {@link Long#MAX_VALUE} without a call timeout. */
  public long remainingNanos() {
    return deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
  }

  /**
   * Fails with {@link KlaviyoDeadlineException} (tunnelled through OkHttp) if waiting {@code delay} would end
   * after the deadline.
   */
  public void checkDeadline(Duration delay, String reason, Interceptor.Chain chain) throws IOException {
    if (delay.toNanos() > remainingNanos()) throw deadlineExceeded(delay, reason, chain);
  }

  /** The failure for a wait of {@code delay} that would end after the deadline. */
  public IOException deadlineExceeded(Duration delay, String reason, Interceptor.Chain chain) {
    String what = chain.request().method() + " " + chain.request().url().encodedPath();
    return new TunneledKlaviyoException(new KlaviyoDeadlineException(what, reason, delay,
        Duration.ofNanos(Math.max(0, remainingNanos())), Duration.ofNanos(timeoutNanos)));
  }

  /**
   * Waits {@code delay} before the next attempt, for {@code reason}.
   *
   * @param pause a sleeper to use instead of the real clock (tests); null for the real, cancellable wait.
   * @throws DeferredAttempt for an asynchronous call: its caller re-enqueues it after {@code delay}.
   * @throws IOException if the call is cancelled or the thread interrupted during the wait, or (tunnelled
   *     {@link KlaviyoDeadlineException}) if the wait would overrun the deadline.
   */
  public void await(Duration delay, String reason, Interceptor.Chain chain, Pause pause) throws IOException {
    boolean none = delay.isNegative() || delay.isZero();
    if (none && pause == null) return;
    checkDeadline(delay, reason, chain);
    if (async && !none) throw new DeferredAttempt(delay);
    try {
      if (pause != null) {
        pause.sleep(delay); // An injected sleeper sees every wait, zero included.
        return;
      }
      long end = System.nanoTime() + delay.toNanos();
      while (true) {
        if (chain.call().isCanceled()) throw new IOException("Canceled while waiting for " + reason);
        long left = end - System.nanoTime();
        if (left <= 0) return;
        TimeUnit.NANOSECONDS.sleep(Math.min(left, CANCEL_CHECK_NANOS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + reason);
    }
  }
}
