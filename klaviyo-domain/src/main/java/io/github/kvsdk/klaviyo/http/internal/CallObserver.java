package io.github.kvsdk.klaviyo.http.internal;

import java.time.Duration;

/**
 * Receives what a client's calls do, for metrics. Implementations must be thread-safe and quick: they run on
 * the calling or dispatcher thread, inside the call. The default methods do nothing, so {@link #NONE} costs
 * nothing but a virtual call.
 *
 * <p>This interface names no metrics library: the client holds one without needing Micrometer on the class
 * path, and the Micrometer implementation is created only when the user passes a registry.
 */
public interface CallObserver {
  /** Observes nothing: the client's default. */
  CallObserver NONE = new CallObserver() {};

  /**
   * A logical call ended: its last response arrived, or it failed.
   *
   * @param status the final HTTP status, or -1 if the call failed without a response
   * @param nanos from the start of the call to its end, retries and waits included
   */
  default void callEnded(String operationId, String method, int status, long nanos) {}

  /**
   * One HTTP exchange (attempt) ended.
   *
   * @param retry true if an earlier attempt of the same call was retried
   * @param status the HTTP status, or -1 if the exchange failed without a response
   */
  default void attemptEnded(String operationId, String method, boolean retry, int status, long nanos) {}

  /** The client-side rate limiter made a call wait {@code wait} before its next attempt. */
  default void rateLimiterWaited(String operationId, Duration wait) {}
}
