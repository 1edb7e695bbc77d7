package io.github.kvsdk.klaviyo.sandbox.internal.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: a status, an optional JSON body tree and extra headers. */
public final class ApiResponse {
  private final int status;
  private final Object body;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private byte[] raw;

  private ApiResponse(int status, Object body) {
    this.status = status;
    this.body = body;
  }

  /**
   * {@return a 200 OK with {@code body}, a JSON tree (maps, lists, scalars)}
   *
   * @param body the JSON:API document
   */
  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, body);
  }

  /**
   * {@return a 201 Created with {@code body}, a JSON tree (maps, lists, scalars)}
   *
   * @param body the JSON:API document
   */
  public static ApiResponse created(Object body) {
    return new ApiResponse(201, body);
  }

  /** {@return a 202 Accepted without a body (bulk jobs)} */
  public static ApiResponse accepted() {
    return new ApiResponse(202, null);
  }

  /** {@return a 204 No Content} */
  public static ApiResponse noContent() {
    return new ApiResponse(204, null);
  }

  /**
   * {@return a response with any status and {@code body}, a JSON tree; null for an empty body}
   *
   * @param status the HTTP status
   * @param body the JSON:API document, or null
   */
  public static ApiResponse of(int status, Object body) {
    return new ApiResponse(status, body);
  }

  /**
   * {@return a non-JSON body, such as an image}
   *
   * @param status the HTTP status
   * @param contentType the body's media type, such as {@code image/png}
   * @param bytes the body; copied
   */
  public static ApiResponse bytes(int status, String contentType, byte[] bytes) {
    ApiResponse r = new ApiResponse(status, null);
    r.raw = bytes.clone();
    r.header("Content-Type", contentType);
    return r;
  }

  /**
   * {@return a JSON:API document already encoded (not copied: the caller must not change {@code json})}
   *
   * @param status the HTTP status
   * @param json the encoded document, UTF-8
   */
  public static ApiResponse encoded(int status, byte[] json) {
    ApiResponse r = new ApiResponse(status, null);
    r.raw = json;
    return r;
  }

  /** The raw body of {@link #bytes} or {@link #encoded}, or null for a JSON tree. */
  byte[] raw() {
    return raw;
  }

  /**
   * Adds a response header, replacing one of the same name.
   *
   * @param name the header's name
   * @param value the header's value
   * @return this response
   */
  public ApiResponse header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** {@return the HTTP status} */
  public int status() {
    return status;
  }

  /** {@return the JSON tree to send, or null for an empty body} */
  public Object body() {
    return body;
  }

  /** {@return the response headers set with {@link #header}, in the order set} */
  public Map<String, String> headers() {
    return headers;
  }
}
