package io.github.kvsdk.klaviyo.errors;

import java.util.List;
import okhttp3.Headers;

/** 404 Not Found: the resource or route does not exist. */
public final class NotFoundException extends KlaviyoApiException {
  public NotFoundException(String message, int statusCode, Headers headers, List<KlaviyoError> errors, String requestId) {
    super(message, statusCode, headers, errors, requestId);
  }
}
