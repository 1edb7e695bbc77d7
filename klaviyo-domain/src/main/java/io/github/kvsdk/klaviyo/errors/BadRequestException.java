package io.github.kvsdk.klaviyo.errors;

import java.util.List;
import okhttp3.Headers;

/** 400 Bad Request: the request was malformed or failed validation; see errors(). */
public final class BadRequestException extends KlaviyoApiException {
  public BadRequestException(String message, int statusCode, Headers headers, List<KlaviyoError> errors, String requestId) {
    super(message, statusCode, headers, errors, requestId);
  }
}
