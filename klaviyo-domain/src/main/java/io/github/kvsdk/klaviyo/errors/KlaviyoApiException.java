package io.github.kvsdk.klaviyo.errors;

import java.util.List;
import java.util.Optional;
import okhttp3.Headers;

/**
 * Klaviyo answered with a non-2xx status. Subclasses name the status family; this class is thrown for the
 * remaining 4xx codes. The client builds them from Klaviyo's responses.
 */
public class KlaviyoApiException extends KlaviyoException {
  private final int statusCode;
  private final Headers headers;
  private final List<KlaviyoError> errors;
  private final String requestId;

  public KlaviyoApiException(String message, int statusCode, Headers headers, List<KlaviyoError> errors,
      String requestId) {
    super(message);
    this.statusCode = statusCode;
    this.headers = headers == null ? Headers.of() : headers;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
    this.requestId = requestId;
  }

  /** The HTTP status code. */
  public int statusCode() {
    return statusCode;
  }

  /** The response headers (never the request's, so no credentials). */
  public Headers headers() {
    return headers;
  }

  /** Klaviyo's error list, possibly empty when the body was not JSON:API. */
  public List<KlaviyoError> errors() {
    return errors;
  }

  /** The ids of {@link #errors()}, in order, skipping absent ones. */
  public List<String> errorIds() {
    return errors.stream().map(KlaviyoError::id).filter(id -> id != null).toList();
  }

  /**
   * The request id Klaviyo attached to the response ({@code X-Klaviyo-Req-Id}, {@code X-Request-Id} or {@code
   * Request-Id}), if any.
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }
}
