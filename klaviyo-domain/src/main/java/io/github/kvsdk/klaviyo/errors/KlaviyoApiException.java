package io.github.kvsdk.klaviyo.errors;

import java.util.List;
import java.util.Optional;
import okhttp3.Headers;

/**
 * Klaviyo answered with a non-2xx status. Subclasses name the status family; this class is thrown for the
 * remaining 4xx codes. The client builds them from Klaviyo's responses.
 */
public class KlaviyoApiException extends KlaviyoException {
  /** The HTTP status. */
  private final int statusCode;
  /** The response headers. */
  private final Headers headers;
  /** The errors of Klaviyo's error document. */
  private final List<KlaviyoError> errors;
  /** Klaviyo's request id, or null. */
  private final String requestId;

  /**
   * Creates the exception for an error answer.
   *
   * @param message what went wrong, with Klaviyo's error details; never a credential
   * @param statusCode the HTTP status
   * @param headers the response headers
   * @param errors the errors of Klaviyo's error document; empty if it sent none
   * @param requestId Klaviyo's request id from the response headers, for support requests; null if absent
   */
  public KlaviyoApiException(String message, int statusCode, Headers headers, List<KlaviyoError> errors,
      String requestId) {
    super(message);
    this.statusCode = statusCode;
    this.headers = headers == null ? Headers.of() : headers;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
    this.requestId = requestId;
  }

  /** {@return the HTTP status code} */
  public int statusCode() {
    return statusCode;
  }

  /** {@return the response headers (never the request's, so no credentials)} */
  public Headers headers() {
    return headers;
  }

  /**
   * Klaviyo's error list, possibly empty when the body was not JSON:API.
   *
   * @return the errors of Klaviyo's error document; empty if it sent none
   */
  public List<KlaviyoError> errors() {
    return errors;
  }

  /** {@return the ids of {@link #errors()}, in order, skipping absent ones} */
  public List<String> errorIds() {
    return errors.stream().map(KlaviyoError::id).filter(id -> id != null).toList();
  }

  /**
   * {@return the request id Klaviyo attached to the response ({@code X-Klaviyo-Req-Id}, {@code X-Request-Id} or
   * {@code Request-Id}), if any}
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }
}
