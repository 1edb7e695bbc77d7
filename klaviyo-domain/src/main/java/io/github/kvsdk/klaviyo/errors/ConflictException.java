package io.github.kvsdk.klaviyo.errors;

import java.util.List;
import java.util.Optional;
import okhttp3.Headers;

/** 409 Conflict: typically a profile create whose email, phone or external id already exists. */
public final class ConflictException extends KlaviyoApiException {
  /**
   * Creates the exception for a 409 answer.
   *
   * @param message what went wrong, with Klaviyo's error details; never a credential
   * @param statusCode the HTTP status
   * @param headers the response headers
   * @param errors the errors of Klaviyo's error document; empty if it sent none
   * @param requestId Klaviyo's request id from the response headers, for support requests; null if absent
   */
  public ConflictException(String message, int statusCode, Headers headers, List<KlaviyoError> errors,
      String requestId) {
    super(message, statusCode, headers, errors, requestId);
  }

  /** {@return the id of the existing resource, from {@code errors[0].meta.duplicate_profile_id}, if Klaviyo sent it} */
  public Optional<String> duplicateId() {
    if (errors().isEmpty()) return Optional.empty();
    Object id = errors().get(0).meta().get("duplicate_profile_id");
    return id instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
  }
}
