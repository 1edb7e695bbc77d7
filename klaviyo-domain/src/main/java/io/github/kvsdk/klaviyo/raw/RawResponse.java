package io.github.kvsdk.klaviyo.raw;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.Headers;

/**
 * A raw request's outcome: status code, headers and body (the Raw Request action's "Status Code", "HTTP Headers" and
 * "Response Body"). Immutable; the body is fully read.
 */
public final class RawResponse {
  private final int statusCode;
  private final Headers headers;
  private final ResponseType responseType;
  private final byte[] bytes;
  private final Charset charset;
  private final Object json;

  RawResponse(int statusCode, Headers headers, ResponseType responseType, byte[] bytes, Charset charset,
      Object json) {
    this.statusCode = statusCode;
    this.headers = headers;
    this.responseType = responseType;
    this.bytes = bytes;
    this.charset = charset == null ? StandardCharsets.UTF_8 : charset;
    this.json = json;
  }

  /** {@return the HTTP status} */
  public int statusCode() {
    return statusCode;
  }

  /** {@return true for 2xx} */
  public boolean isSuccessful() {
    return statusCode >= 200 && statusCode < 300;
  }

  /** {@return the response headers} */
  public Headers headers() {
    return headers;
  }

  /** {@return the headers as a case-insensitive sorted map of lower-case names to values} */
  public Map<String, List<String>> headerMap() {
    Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    map.putAll(headers.toMultimap());
    return map;
  }

  /** {@return how the body was decoded} */
  public ResponseType responseType() {
    return responseType;
  }

  /**
   * {@return the body decoded per {@link #responseType()}: a JSON tree (or the text, if a JSON response was not valid
   * JSON), a {@code String}, or a {@code byte[]}} Null for an empty JSON body.
   */
  public Object body() {
    return switch (responseType) {
      case JSON -> json != null || bytes.length == 0 ? json : bodyText();
      case TEXT -> bodyText();
      case BINARY -> bodyBytes();
    };
  }

  /** {@return the parsed JSON tree, or null if the type is not JSON, the body was empty or it did not parse} */
  public Object json() {
    return json;
  }

  /** {@return the body as text, decoded with the response's charset (UTF-8 when it names none)} */
  public String bodyText() {
    return new String(bytes, charset);
  }

  /** {@return the body's bytes, exactly as received; a copy} */
  public byte[] bodyBytes() {
    return bytes.clone();
  }

  @Override
  public String toString() {
    return "RawResponse{statusCode=" + statusCode + ", responseType=" + responseType + ", bytes=" + bytes.length
        + "}";
  }
}
