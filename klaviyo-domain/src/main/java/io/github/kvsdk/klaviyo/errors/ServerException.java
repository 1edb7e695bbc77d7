package io.github.kvsdk.klaviyo.errors;

import java.util.List;
import okhttp3.Headers;

/** 5xx: Klaviyo failed to handle a valid request. GET requests are retried before this is thrown. */
public final class ServerException extends KlaviyoApiException {
  /**
   * Creates the exception for a 5xx answer.
   *
   * @param message what went wrong, with Klaviyo's error details; never a credential
   * @param statusCode the HTTP status
   * @param headers the response headers
   * @param errors the errors of Klaviyo's error document; empty if it sent none
   * @param requestId Klaviyo's request id from the response headers, for support requests; null if absent
   */
  public ServerException(String message, int statusCode, Headers headers, List<KlaviyoError> errors, String requestId) {
    super(message, statusCode, headers, errors, requestId);
  }
}
