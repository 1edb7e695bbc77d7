package io.github.kvsdk.klaviyo.errors;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.Headers;

/** 429 Too Many Requests, thrown once the retry policy gave up. */
public final class RateLimitedException extends KlaviyoApiException {
  private final Duration retryAfter;

  public RateLimitedException(String message, int statusCode, Headers headers, List<KlaviyoError> errors,
      String requestId, Duration retryAfter) {
    super(message, statusCode, headers, errors, requestId);
    this.retryAfter = retryAfter;
  }

  /** {@return how long Klaviyo asked us to wait, from {@code Retry-After}, if present and parseable} */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
