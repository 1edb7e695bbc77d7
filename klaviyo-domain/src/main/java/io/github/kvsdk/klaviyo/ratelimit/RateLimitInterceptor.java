package io.github.kvsdk.klaviyo.ratelimit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Applies a {@link ClientRateLimiter} to every attempt. Installed by {@code KlaviyoClient} inside the retry
 * interceptor, so retries count against the quota too. Advanced API.
 */
public final class RateLimitInterceptor implements Interceptor {
  private final ClientRateLimiter limiter;

  public RateLimitInterceptor(ClientRateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Optional<ClientRateLimiter.Permit> permit;
    try {
      permit = limiter.acquire(request.method(), request.url().encodedPath());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the rate limiter");
    }
    if (permit.isEmpty()) return chain.proceed(request);
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException | RuntimeException e) {
      limiter.complete(permit.get(), -1, Headers.of()); // It may have arrived: count it until now.
      throw e;
    }
    limiter.complete(permit.get(), response.code(), response.headers());
    return response;
  }
}
