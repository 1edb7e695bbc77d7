package io.github.kvsdk.klaviyo.sandbox.internal.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the sandbox refuses, rendered as Klaviyo's error document
 * {@code {"errors":[{"id","status","code","title","detail","source","meta"}]}}.
 */
public final class ApiException extends RuntimeException {
  /** The HTTP status of the response, such as 400. */
  private final int status;
  /** Klaviyo's error code, such as {@code invalid}. */
  private final String code;
  /** The error's short title, such as {@code Invalid input.} */
  private final String title;
  /**
   * Where the error is, such as {@code {"parameter": "filter"}} or {@code {"pointer": "/data/attributes"}}; empty if
   * nowhere in particular.
   */
  private final Map<String, Object> source;
  /** Extra error members, such as {@code duplicate_profile_id}; empty if none. */
  private final Map<String, Object> meta;
  /** Extra response headers, such as {@code Retry-After}; empty if none. */
  private final Map<String, String> headers;

  private ApiException(int status, String code, String title, String detail, Map<String, Object> source,
      Map<String, Object> meta, Map<String, String> headers) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.title = title;
    this.source = source;
    this.meta = meta;
    this.headers = headers;
  }

  /**
   * {@return a 400 {@code invalid} error about query parameter {@code parameter}}
   *
   * @param parameter the query parameter's name, such as {@code filter}
   * @param detail what is wrong, for the error's {@code detail}
   */
  public static ApiException invalidParameter(String parameter, String detail) {
    return new ApiException(400, "invalid", "Invalid input.", detail, Map.of("parameter", parameter), Map.of(),
        Map.of());
  }

  /**
   * {@return a 400 {@code invalid} error about the body member at JSON pointer {@code pointer}}
   *
   * @param pointer the JSON pointer of the offending member, such as {@code /data/attributes/email}
   * @param detail what is wrong, for the error's {@code detail}
   */
  public static ApiException invalidBody(String pointer, String detail) {
    return new ApiException(400, "invalid", "Invalid input.", detail, Map.of("pointer", pointer), Map.of(), Map.of());
  }

  /**
   * {@return a 404 for an unknown object}
   *
   * @param detail what was not found, for the error's {@code detail}
   */
  public static ApiException notFound(String detail) {
    return new ApiException(404, "not_found", "Not found.", detail, Map.of(), Map.of(), Map.of());
  }

  /**
   * {@return a 409 duplicate error, with {@code meta} such as {@code duplicate_profile_id}}
   *
   * @param detail what is duplicated, for the error's {@code detail}
   * @param meta extra error members, such as the id of the existing profile
   */
  public static ApiException duplicate(String detail, Map<String, Object> meta) {
    return new ApiException(409, "duplicate_profile", "Conflict.", detail, Map.of("pointer", "/data/attributes"),
        meta, Map.of());
  }

  /**
   * {@return a 409 conflict other than a duplicate profile}
   *
   * @param detail what conflicts, for the error's {@code detail}
   */
  public static ApiException conflict(String detail) {
    return new ApiException(409, "conflict", "Conflict.", detail, Map.of(), Map.of(), Map.of());
  }

  /** {@return a 401: credentials absent} */
  public static ApiException notAuthenticated() {
    return new ApiException(401, "not_authenticated", "Authentication credentials were not provided.",
        "Missing or invalid authorization scheme. Please use Klaviyo-API-Key.", Map.of(), Map.of(), Map.of());
  }

  /** {@return a 401: credentials present but not valid} */
  public static ApiException authenticationFailed() {
    return new ApiException(401, "authentication_failed", "Incorrect authentication credentials.",
        "Incorrect authentication credentials.", Map.of(), Map.of(), Map.of());
  }

  /**
   * {@return a 403 for a credential that lacks one of the operation's scopes}
   *
   * @param detail which scope is missing, for the error's {@code detail}
   */
  public static ApiException permissionDenied(String detail) {
    return new ApiException(403, "permission_denied", "You do not have permission to perform this action.", detail,
        Map.of(), Map.of(), Map.of());
  }

  /**
   * {@return a 405 for a known path served with another method}
   *
   * @param method the method that was used, named in the error's {@code detail}
   */
  public static ApiException methodNotAllowed(String method) {
    return new ApiException(405, "method_not_allowed", "Method not allowed.",
        "Method \"" + method + "\" not allowed.", Map.of(), Map.of(), Map.of());
  }

  /**
   * {@return a 415 for a body that is not JSON:API}
   *
   * @param contentType the request's {@code Content-Type}, named in the error's {@code detail}; may be null
   */
  public static ApiException unsupportedMediaType(String contentType) {
    return new ApiException(415, "unsupported_media_type", "Unsupported media type.",
        "Unsupported media type \"" + contentType + "\" in request.", Map.of(), Map.of(), Map.of());
  }

  /**
   * {@return a 429 with {@code Retry-After}}
   *
   * @param retryAfterSeconds the seconds until the quota frees a slot, sent as {@code Retry-After}
   */
  public static ApiException throttled(long retryAfterSeconds) {
    String unit = retryAfterSeconds == 1 ? "second" : "seconds";
    return new ApiException(429, "throttled", "Request was throttled.",
        "Request was throttled. Expected available in " + retryAfterSeconds + " " + unit + ".", Map.of(), Map.of(),
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  /**
   * {@return an error with an arbitrary status, used by fault injection}
   *
   * @param status the HTTP status
   * @param code Klaviyo's error code, such as {@code error}
   * @param title the error's short title
   * @param detail the error's {@code detail}
   */
  public static ApiException status(int status, String code, String title, String detail) {
    return new ApiException(status, code, title, detail, Map.of(), Map.of(), Map.of());
  }

  /**
   * {@return a 501 for an operation of the spec this sandbox does not emulate}
   *
   * @param operationId the spec's operation id, named in the error's {@code detail}
   */
  public static ApiException notEmulated(String operationId) {
    return new ApiException(501, "not_implemented", "Not implemented.",
        "The sandbox does not emulate operation '" + operationId + "'.", Map.of(), Map.of(), Map.of());
  }

  /**
   * {@return a copy of this error whose {@code source} names query or header parameter {@code parameter}}
   *
   * @param parameter the parameter's name, such as {@code page[size]}
   */
  public ApiException withParameter(String parameter) {
    return new ApiException(status, code, title, getMessage(), Map.of("parameter", parameter), meta, headers);
  }

  /** {@return the HTTP status of the response, such as 400} */
  public int status() {
    return status;
  }

  /** {@return Klaviyo's error code, such as {@code invalid}} */
  public String code() {
    return code;
  }

  /** {@return extra response headers such as {@code Retry-After}; empty if none} */
  public Map<String, String> headers() {
    return headers;
  }

  /** {@return the error document for this error, with a fresh error id} */
  public Map<String, Object> document() {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("id", java.util.UUID.randomUUID().toString());
    error.put("status", status);
    error.put("code", code);
    error.put("title", title);
    error.put("detail", getMessage());
    error.put("source", source);
    if (!meta.isEmpty()) {
      error.put("meta", meta);
    }
    return Map.of("errors", java.util.List.of(error));
  }
}
