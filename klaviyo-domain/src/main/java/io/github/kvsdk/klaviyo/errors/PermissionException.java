package io.github.kvsdk.klaviyo.errors;

import java.util.List;
import okhttp3.Headers;

/** 403 Forbidden: the credential lacks a scope required by the operation. */
public final class PermissionException extends KlaviyoApiException {
  public PermissionException(String message, int statusCode, Headers headers, List<KlaviyoError> errors, String requestId) {
    super(message, statusCode, headers, errors, requestId);
  }
}
