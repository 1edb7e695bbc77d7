package io.github.kvsdk.klaviyo.retry;

import io.github.kvsdk.klaviyo.errors.TunneledKlaviyoException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-sends failed requests according to a {@link RetryPolicy}. A {@code RetryPolicy} attached as a request tag
 * replaces the client's policy for that request (raw requests use this for their own retry options).
 *
 * <p>Installed by {@code KlaviyoClient} as an application interceptor, outside the rate limiter and the
 * authorization interceptors, so that every attempt is rate limited and carries a fresh token. Advanced API.
 */
public final class RetryInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(RetryInterceptor.class);

  private final RetryPolicy defaultPolicy;

  public RetryInterceptor(RetryPolicy defaultPolicy) {
    this.defaultPolicy = defaultPolicy;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    RetryPolicy policy = Optional.ofNullable(request.tag(RetryPolicy.class)).orElse(defaultPolicy);
    if (policy.maxRetries() == 0) return chain.proceed(request);

    boolean repeatableBody = request.body() == null || !request.body().isOneShot();
    boolean idempotent = IdempotentRequests.isIdempotent(request, policy.idempotentPostPatterns());
    for (int retry = 0; ; retry++) {
      boolean lastAttempt = retry >= policy.maxRetries() || !repeatableBody;
      Response response;
      try {
        response = chain.proceed(request);
      } catch (TunneledKlaviyoException e) {
        throw e; // Auth or validation failures: repeating cannot help.
      } catch (IOException e) {
        if (lastAttempt || chain.call().isCanceled() || isCallTimeout(e)) throw e;
        boolean safe = IdempotentRequests.failedBeforeSending(e)
            || (policy.retryNetworkErrors() && (idempotent || policy.retryAllErrors()));
        if (!safe) throw e;
        Duration delay = policy.backoff(retry);
        log.info("Retrying {} {} in {} ms after {} (retry {} of {})", request.method(),
            request.url().encodedPath(), delay.toMillis(), e.getClass().getSimpleName(), retry + 1,
            policy.maxRetries());
        sleep(policy, delay);
        continue;
      }
      int code = response.code();
      if (lastAttempt || code < 300 || !shouldRetry(policy, code, idempotent)) return response;

      Optional<Duration> retryAfter = RetryAfter.parse(response.header("Retry-After"), policy.clock());
      if (retryAfter.isPresent() && retryAfter.get().compareTo(policy.maxRetryAfter()) > 0) {
        return response; // The server asked for a longer pause than we are allowed to block for.
      }
      Duration delay = retryAfter.isPresent() && policy.fixedDelay() == null
          ? retryAfter.get()
          : policy.backoff(retry);
      if (retryAfter.isPresent() && delay.compareTo(retryAfter.get()) < 0) {
        delay = retryAfter.get(); // Never come back earlier than the server asked.
      }
      log.info("Retrying {} {} in {} ms after HTTP {} (retry {} of {})", request.method(),
          request.url().encodedPath(), delay.toMillis(), code, retry + 1, policy.maxRetries());
      response.close();
      sleep(policy, delay);
    }
  }

  private static boolean shouldRetry(RetryPolicy policy, int code, boolean idempotent) {
    if (policy.retryAllErrors()) return true;
    if (code == 429) return true; // Throttled requests were rejected before any processing.
    return idempotent && policy.retryableStatuses().contains(code);
  }

  /** The call timeout covers all attempts; once it fires, retrying would only fail again. */
  private static boolean isCallTimeout(IOException e) {
    return e.getClass() == InterruptedIOException.class && "timeout".equals(e.getMessage());
  }

  private static void sleep(RetryPolicy policy, Duration delay) throws IOException {
    try {
      policy.sleeper().sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }
}
