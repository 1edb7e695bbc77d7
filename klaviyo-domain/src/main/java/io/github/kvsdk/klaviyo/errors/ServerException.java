package io.github.kvsdk.klaviyo.errors;

import java.util.List;
import okhttp3.Headers;

/** 5xx: Klaviyo failed to handle a valid request. GET requests are retried before this is thrown. */
public final class ServerException extends KlaviyoApiException {
  public ServerException(String message, int statusCode, Headers headers, List<KlaviyoError> errors, String requestId) {
    super(message, statusCode, headers, errors, requestId);
  }
}
