package io.github.kvsdk.klaviyo.retry.internal;

import io.github.kvsdk.klaviyo.errors.internal.RetryAfter;
import io.github.kvsdk.klaviyo.errors.internal.TunneledKlaviyoException;
import io.github.kvsdk.klaviyo.http.internal.CallState;
import io.github.kvsdk.klaviyo.http.internal.DeferredAttempt;
import io.github.kvsdk.klaviyo.http.internal.PathTemplate;
import io.github.kvsdk.klaviyo.retry.RetryPolicy;
import io.github.kvsdk.klaviyo.retry.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-sends failed requests according to a {@link RetryPolicy}. A {@code RetryPolicy} attached as a request tag
 * replaces the client's policy for that request (raw requests use this for their own retry options).
 *
 * <p>Installed by {@code KlaviyoClient} as an application interceptor, outside the rate limiter and the
 * authorization interceptors, so that every attempt is rate limited and carries a fresh token.
 *
 * <p>Waits go through the call's {@link CallState}: a synchronous call waits on its own thread, an
 * asynchronous one is re-enqueued after the delay, and a wait that would end after the call timeout fails at
 * once with {@link io.github.kvsdk.klaviyo.errors.KlaviyoDeadlineException}.
 *
 * <p>The body of a successful response to an idempotent request is read here, inside the retry loop, so that
 * a connection that breaks mid-body is retried like any other network failure instead of surfacing later
 * from the JSON reader. Bodies larger than {@value #MAX_BUFFERED_BODY} bytes (as declared) are streamed.
 */
public final class RetryInterceptor implements Interceptor {
  /** A stable logger name, documented in the README (not the class's, which is internal). */
  private static final Logger log = LoggerFactory.getLogger("io.github.kvsdk.klaviyo.retry");

  /** Largest declared body read inside the retry loop (64 MiB); larger ones are streamed to the caller. */
  static final long MAX_BUFFERED_BODY = 64L * 1024 * 1024;

  private final RetryPolicy defaultPolicy;
  private final List<Pattern> defaultIdempotentPosts;

  /**
   * Retries failed calls as {@code defaultPolicy} says, unless a request carries its own policy.
   *
   * @param defaultPolicy the client's retry policy
   */
  public RetryInterceptor(RetryPolicy defaultPolicy) {
    this.defaultPolicy = defaultPolicy;
    this.defaultIdempotentPosts = idempotentPosts(defaultPolicy);
  }

  private static List<Pattern> idempotentPosts(RetryPolicy policy) {
    return policy.idempotentPosts().stream().map(PathTemplate::compile).toList();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    RetryPolicy policy = Optional.ofNullable(request.tag(RetryPolicy.class)).orElse(defaultPolicy);
    if (policy.maxRetries() == 0) return chain.proceed(request);

    boolean repeatableBody = request.body() == null || !request.body().isOneShot();
    // A request's own policy (raw requests with their own retry options) is compiled for that request only.
    List<Pattern> idempotentPosts = policy == defaultPolicy ? defaultIdempotentPosts : idempotentPosts(policy);
    boolean idempotent = RequestSafety.isIdempotent(request, idempotentPosts);
    CallState state = CallState.of(chain);
    CallState.Pause pause = policy.sleeper() == Sleeper.SYSTEM ? null : policy.sleeper()::sleep;
    for (int retry = state.retries(); ; retry++) {
      state.retries(retry);
      boolean lastAttempt = retry >= policy.maxRetries() || !repeatableBody;
      Response response;
      try {
        response = chain.proceed(request);
        if (!lastAttempt && idempotent && response.isSuccessful()) response = buffered(response);
      } catch (TunneledKlaviyoException | DeferredAttempt e) {
        throw e; // Auth or validation failures: repeating cannot help. Deferrals resume this loop later.
      } catch (IOException e) {
        if (lastAttempt || chain.call().isCanceled() || isCallTimeout(e)) throw e;
        boolean safe = RequestSafety.failedBeforeSending(e)
            || (policy.retryNetworkErrors() && (idempotent || policy.retryAllErrors()));
        if (!safe) throw e;
        Duration delay = policy.backoff(retry);
        log.debug("Retrying {} {} in {} ms after {} (retry {} of {})", request.method(),
            request.url().encodedPath(), delay.toMillis(), e.getClass().getSimpleName(), retry + 1,
            policy.maxRetries());
        state.retries(retry + 1);
        state.await(delay, "retry back-off", chain, pause);
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
      log.debug("Retrying {} {} in {} ms after HTTP {} (retry {} of {})", request.method(),
          request.url().encodedPath(), delay.toMillis(), code, retry + 1, policy.maxRetries());
      response.close();
      state.retries(retry + 1);
      state.await(delay, retryAfter.isPresent() ? "Retry-After" : "retry back-off", chain, pause);
    }
  }

  /**
   * Reads the whole body now, so that a truncated body fails inside the retry loop. A body that declares more
   * than {@link #MAX_BUFFERED_BODY} bytes is left to stream.
   */
  private static Response buffered(Response response) throws IOException {
    ResponseBody body = response.body();
    if (body.contentLength() > MAX_BUFFERED_BODY) return response;
    // Read into a Buffer, whose segments the new body takes over as they are: no copy of the body here. A body
    // cut short fails the read itself (OkHttp's fixed-length and chunked sources), inside the retry loop.
    Buffer buffer = new Buffer();
    try {
      body.source().readAll(buffer);
    } finally {
      response.close();
    }
    return response.newBuilder().body(ResponseBody.create(buffer, body.contentType(), buffer.size())).build();
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

}
