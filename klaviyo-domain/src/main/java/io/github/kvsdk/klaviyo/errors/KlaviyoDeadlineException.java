package io.github.kvsdk.klaviyo.errors;

import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * A wait before the next attempt (a retry's back-off, a server's {@code Retry-After}, or the client-side rate
 * limiter) would have ended after the call timeout, so the call failed at once instead of waiting in vain.
 * {@link #requiredWait()} is the wait that was needed and {@link #remaining()} what was left of the timeout.
 *
 * <p>Raise the client's {@code callTimeout}, or per call the raw request's timeout, to let such waits happen.
 */
public final class KlaviyoDeadlineException extends KlaviyoTimeoutException {
  /** The wait that was needed. */
  private final Duration requiredWait;
  /** What was left of the call timeout. */
  private final Duration remaining;
  /** What asked for the wait: a back-off, {@code Retry-After} or the rate limiter. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param what the call that failed, such as its method and path
   * @param reason what asked for the wait: a back-off, {@code Retry-After} or the rate limiter
   * @param requiredWait the wait that was needed
   * @param remaining what was left of the call timeout
   * @param callTimeout the call timeout in force
   */
  public KlaviyoDeadlineException(String what, String reason, Duration requiredWait, Duration remaining,
      Duration callTimeout) {
    super(what + " would wait " + requiredWait.toMillis() + " ms for " + reason + ", but only "
        + Math.max(0, remaining.toMillis()) + " ms of the call timeout of " + callTimeout.toMillis()
        + " ms remain; failing now instead of overrunning the timeout",
        new InterruptedIOException("call timeout would be exceeded"));
    this.requiredWait = requiredWait;
    this.remaining = remaining;
    this.reason = reason;
  }

  /** {@return how long the call would have had to wait before its next attempt} */
  public Duration requiredWait() {
    return requiredWait;
  }

  /** {@return what was left of the call timeout when the wait was needed} */
  public Duration remaining() {
    return remaining;
  }

  /** {@return what asked for the wait: {@code "Retry-After"}, {@code "retry back-off"} or {@code "the rate limiter"}} */
  public String reason() {
    return reason;
  }
}
