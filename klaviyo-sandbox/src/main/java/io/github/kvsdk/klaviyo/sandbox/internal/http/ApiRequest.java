package io.github.kvsdk.klaviyo.sandbox.internal.http;

import io.github.kvsdk.klaviyo.sandbox.auth.Credential;
import io.github.kvsdk.klaviyo.sandbox.internal.json.Json;
import io.github.kvsdk.klaviyo.sandbox.internal.json.JsonSyntaxException;
import io.github.kvsdk.klaviyo.sandbox.internal.spec.Operation;
import java.util.Map;

/** One authenticated request routed to a spec operation. */
public final class ApiRequest {
  private final Operation operation;
  private final String path;
  private final Map<String, String> pathParameters;
  private final Map<String, String> query;
  private final String rawQuery;
  private final String contentType;
  private final byte[] body;
  private final Credential credential;
  private final String baseUrl;
  /** The parsed body, once {@link #parsedBody()} has run; one request is handled on one thread. */
  private Object parsedBody;

  ApiRequest(Operation operation, String path, Map<String, String> pathParameters, Map<String, String> query,
      String rawQuery, String contentType, byte[] body, Credential credential, String baseUrl) {
    this.operation = operation;
    this.path = path;
    this.pathParameters = pathParameters;
    this.query = query;
    this.rawQuery = rawQuery;
    this.contentType = contentType;
    this.body = body;
    this.credential = credential;
    this.baseUrl = baseUrl;
  }

  /**
   * {@return for tests and in-process callers: a request without transport details}
   *
   * @param operation the spec operation the request is routed to
   * @param path the request path, such as {@code /api/profiles/01H.../}
   * @param pathParameters the path's parameters by name, such as {@code id}
   * @param query the decoded query parameters (first value of each)
   * @param contentType the request's {@code Content-Type}, or null
   * @param body the raw body; empty, never null, when there is none
   * @param credential the credential the request was authenticated with
   * @param baseUrl scheme, host and port, such as {@code http://127.0.0.1:8089}
   */
  public static ApiRequest of(Operation operation, String path, Map<String, String> pathParameters,
      Map<String, String> query, String contentType, byte[] body, Credential credential, String baseUrl) {
    return new ApiRequest(operation, path, pathParameters, query, "", contentType, body, credential, baseUrl);
  }

  /** {@return the spec operation the request is routed to} */
  public Operation operation() {
    return operation;
  }

  /** {@return the request path, such as {@code /api/profiles/01H.../}} */
  public String path() {
    return path;
  }

  /**
   * {@return path parameter {@code name} (such as {@code id})}
   *
   * @param name the parameter's name in the path template
   */
  public String pathParameter(String name) {
    return pathParameters.get(name);
  }

  /** {@return the decoded query parameters (first value of each)} */
  public Map<String, String> query() {
    return query;
  }

  /** {@return the raw (still encoded) query string, or empty} */
  public String rawQuery() {
    return rawQuery;
  }

  /** {@return the request's {@code Content-Type}, or null if it sent none} */
  public String contentType() {
    return contentType;
  }

  /** {@return the raw body, never null} */
  public byte[] body() {
    return body;
  }

  /** {@return the credential the request was authenticated with} */
  public Credential credential() {
    return credential;
  }

  /** {@return the scheme, host and port, such as {@code http://127.0.0.1:8089}} */
  public String baseUrl() {
    return baseUrl;
  }

  /** {@return the full URL of this request as sent, for {@code links.self}} */
  public String selfUrl() {
    return baseUrl + path + (rawQuery.isEmpty() ? "" : "?" + rawQuery);
  }

  /**
   * The body parsed as JSON, or a 400 naming the problem. Parsed on first use and kept, so the request
   * validator and the handler share one parse.
   */
  Object parsedBody() {
    Object parsed = parsedBody;
    if (parsed == null) {
      if (body.length == 0) {
        throw ApiException.invalidBody("/data", "A JSON:API request body is required.");
      }
      try {
        parsed = Json.parse(body);
      } catch (JsonSyntaxException e) {
        throw ApiException.invalidBody("/", "JSON parse error - " + e.getMessage());
      }
      parsedBody = parsed;
    }
    return parsed;
  }

  /** {@return the body parsed as a JSON object, or a 400 naming the problem} */
  @SuppressWarnings("unchecked")
  public Map<String, Object> jsonObject() {
    Object parsed = parsedBody();
    if (!(parsed instanceof Map)) {
      throw ApiException.invalidBody("/", "The request body must be a JSON object.");
    }
    return (Map<String, Object>) parsed;
  }
}
