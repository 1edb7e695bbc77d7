package io.github.kvsdk.klaviyo.errors;

import java.util.List;
import okhttp3.Headers;

/** 401 Unauthorized: the API key or access token is missing, wrong, revoked or expired. */
public final class AuthenticationException extends KlaviyoApiException {
  public AuthenticationException(String message, int statusCode, Headers headers, List<KlaviyoError> errors, String requestId) {
    super(message, statusCode, headers, errors, requestId);
  }
}
