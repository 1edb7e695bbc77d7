package io.github.kvsdk.klaviyo.ratelimit.internal;

import io.github.kvsdk.klaviyo.ratelimit.ClientRateLimiter;
import java.io.IOException;
import io.github.kvsdk.klaviyo.http.internal.CallState;
import io.github.kvsdk.klaviyo.http.internal.ObservedCall;
import io.github.kvsdk.klaviyo.retry.Sleeper;
import java.time.Duration;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Applies a {@link ClientRateLimiter} to every attempt. Installed by {@code KlaviyoClient} inside the retry
 * interceptor, so retries count against the quota too. A synchronous call waits for its slot on its own
 * thread; an asynchronous call keeps its reserved slot and is re-enqueued when the slot starts, so no OkHttp
 * dispatcher thread waits. A slot that would start after the call timeout fails the call at once with {@link
 * io.github.kvsdk.klaviyo.errors.KlaviyoDeadlineException}. Advanced API.
 */
public final class RateLimitInterceptor implements Interceptor {
  private static final String REASON = "the client-side rate limiter";

  private final ClientRateLimiter limiter;

  /**
   * Makes each request wait for {@code limiter} before it is sent.
   *
   * @param limiter the limiter shared by the client's calls
   */
  public RateLimitInterceptor(ClientRateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    CallState state = CallState.of(chain);
    ClientRateLimiter.Permit permit = (ClientRateLimiter.Permit) state.takePermit();
    if (permit == null) {
      long remaining = state.remainingNanos();
      Duration maxWait = remaining == Long.MAX_VALUE ? Duration.ofMillis(Long.MAX_VALUE) : Duration.ofNanos(remaining);
      Optional<ClientRateLimiter.Permit> reserved =
          limiter.reserve(request.method(), request.url().encodedPath(), maxWait);
      if (reserved.isEmpty()) return chain.proceed(request);
      permit = reserved.get();
      if (permit.isRefused()) throw state.deadlineExceeded(limiter.waitFor(permit), REASON, chain);
    }
    Duration wait = limiter.waitFor(permit);
    if (!wait.isZero()) {
      ObservedCall.rateLimiterWaited(request, wait);
      ClientRateLimiter.Permit held = permit;
      // Until the attempt uses it, the slot stays reserved; a call that ends first counts it as sent.
      state.holdPermit(held, () -> limiter.complete(held, -1, Headers.of()));
      Sleeper sleeper = limiter.config().sleeper();
      state.await(wait, REASON, chain, sleeper == Sleeper.SYSTEM ? null : sleeper::sleep);
      state.takePermit();
    }
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException | RuntimeException e) {
      limiter.complete(permit, -1, Headers.of()); // It may have arrived: count it until now.
      throw e;
    }
    limiter.complete(permit, response.code(), response.headers());
    return response;
  }
}
