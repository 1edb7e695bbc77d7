package io.github.kvsdk.klaviyo.http.internal;

import java.io.IOException;
import java.time.Duration;

/**
 * Thrown through OkHttp's chain by an interceptor of an asynchronous call that must wait before its next
 * attempt; {@link SdkCall} catches it and re-enqueues the call after {@link #delay()}, so no dispatcher
 * thread sleeps. Never reaches the caller.
 */
public final class DeferredAttempt extends IOException {
  private final Duration delay;

  public DeferredAttempt(Duration delay) {
    super("attempt deferred by " + delay.toMillis() + " ms", null);
    this.delay = delay;
  }

  public Duration delay() {
    return delay;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this; // Control flow, not an error: the stack is never looked at.
  }
}
