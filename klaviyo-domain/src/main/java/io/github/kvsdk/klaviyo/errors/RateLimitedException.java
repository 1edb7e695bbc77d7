package io.github.kvsdk.klaviyo.errors;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.Headers;

/** 429 Too Many Requests, thrown once the retry policy gave up. */
public final class RateLimitedException extends KlaviyoApiException {
  /** How long Klaviyo asked to wait, or null. */
  private final Duration retryAfter;

  /**
   * Creates the exception for a 429 answer.
   *
   * @param message what went wrong, with Klaviyo's error details; never a credential
   * @param statusCode the HTTP status
   * @param headers the response headers
   * @param errors the errors of Klaviyo's error document; empty if it sent none
   * @param requestId Klaviyo's request id from the response headers, for support requests; null if absent
   * @param retryAfter how long Klaviyo asked to wait, or null if it did not say
   */
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
