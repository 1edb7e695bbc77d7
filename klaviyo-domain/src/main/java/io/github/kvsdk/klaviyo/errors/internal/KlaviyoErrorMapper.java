package io.github.kvsdk.klaviyo.errors.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.Moshi;
import io.github.kvsdk.klaviyo.errors.AuthenticationException;
import io.github.kvsdk.klaviyo.errors.BadRequestException;
import io.github.kvsdk.klaviyo.errors.ConflictException;
import io.github.kvsdk.klaviyo.errors.KlaviyoApiException;
import io.github.kvsdk.klaviyo.errors.KlaviyoError;
import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import io.github.kvsdk.klaviyo.errors.KlaviyoNetworkException;
import io.github.kvsdk.klaviyo.errors.KlaviyoTimeoutException;
import io.github.kvsdk.klaviyo.errors.KlaviyoUnexpectedResponseException;
import io.github.kvsdk.klaviyo.errors.NotFoundException;
import io.github.kvsdk.klaviyo.errors.PermissionException;
import io.github.kvsdk.klaviyo.errors.RateLimitedException;
import io.github.kvsdk.klaviyo.errors.ServerException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Turns failed HTTP exchanges into the typed exception hierarchy. Used by the generated-service calls, by the
 * action set and by raw requests that ask to throw.
 *
 * <p>Messages name the method, the path (never the query, which may carry identifiers) and Klaviyo's error
 * codes and titles. Request headers are never read, so credentials cannot leak into an exception.
 */
public final class KlaviyoErrorMapper {
  /**
   * Response headers that may carry Klaviyo's request id, checked in order. Klaviyo does not document the
   * name, so the common spellings are accepted.
   */
  public static final List<String> REQUEST_ID_HEADERS = List.of("X-Klaviyo-Req-Id", "X-Request-Id", "Request-Id");

  /** Error bodies above this size are not parsed; Klaviyo's are a few hundred bytes. */
  private static final long MAX_ERROR_BODY_BYTES = 64 * 1024;

  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class).lenient();

  private KlaviyoErrorMapper() {}

  /**
   * Builds the exception for a non-2xx {@code response}, reading (and closing) its body.
   *
   * @param response the error response; its body is read and closed
   * @return the typed exception for the status
   */
  public static KlaviyoApiException fromResponse(Response response) {
    String body = null;
    try (ResponseBody responseBody = response.body()) {
      if (responseBody != null) {
        body = response.peekBody(MAX_ERROR_BODY_BYTES).string();
      }
    } catch (IOException e) {
      body = null; // The status alone still gives a typed exception.
    }
    Request request = response.request();
    return fromParts(request.method(), request.url().encodedPath(), response.code(), response.headers(), body);
  }

  /**
   * Builds the exception for a non-2xx status with an already-read {@code body} (which may be null).
   *
   * @param method the request's HTTP method, named in the message
   * @param path the request's path, named in the message
   * @param status the HTTP status
   * @param headers the response headers
   * @param body the response body, or null
   * @return the typed exception for the status
   */
  public static KlaviyoApiException fromParts(String method, String path, int status, Headers headers, String body) {
    List<KlaviyoError> errors = parseErrors(body);
    String requestId = requestId(headers);
    String message = message(method, path, status, errors, requestId);
    if (status == 400) return new BadRequestException(message, status, headers, errors, requestId);
    if (status == 401) return new AuthenticationException(message, status, headers, errors, requestId);
    if (status == 403) return new PermissionException(message, status, headers, errors, requestId);
    if (status == 404) return new NotFoundException(message, status, headers, errors, requestId);
    if (status == 409) return new ConflictException(message, status, headers, errors, requestId);
    if (status == 429) {
      Duration retryAfter = RetryAfter.parse(headers.get("Retry-After"), Clock.systemUTC()).orElse(null);
      return new RateLimitedException(message, status, headers, errors, requestId, retryAfter);
    }
    if (status >= 500) return new ServerException(message, status, headers, errors, requestId);
    return new KlaviyoApiException(message, status, headers, errors, requestId);
  }

  /**
   * Maps a transport failure: unwraps exceptions tunnelled through interceptors, and distinguishes timeouts
   * from other network failures.
   *
   * @param e the failure
   * @param method the request's HTTP method, named in the message
   * @param path the request's path, named in the message
   * @return the typed exception: a timeout, a network failure or the exception tunneled through OkHttp
   */
  public static KlaviyoException fromIOException(IOException e, String method, String path) {
    if (e instanceof TunneledKlaviyoException tunneled) return tunneled.klaviyoException();
    String what = method + " " + path;
    if (e instanceof SocketTimeoutException
        || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()))) {
      return new KlaviyoTimeoutException(what + " timed out: " + e.getMessage(), e);
    }
    if (e.getMessage() != null && e.getMessage().startsWith("Canceled")) {
      return new KlaviyoNetworkException(what + " was canceled", e);
    }
    return new KlaviyoNetworkException(what + " failed: " + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
  }

  /**
   * Maps a failure to read a 2xx body: {@code JsonEncodingException} (or a premature end of the JSON) as
   * malformed JSON, {@code JsonDataException} as a document that does not fit the model it is bound to.
   *
   * @param e the failure
   * @param method the request's HTTP method, named in the message
   * @param path the request's path, named in the message
   * @return the exception naming the request
   */
  public static KlaviyoUnexpectedResponseException fromBindingFailure(Exception e, String method, String path) {
    String what = e instanceof JsonDataException ? "a document that does not fit the pinned revision's schema"
        : "malformed JSON";
    return new KlaviyoUnexpectedResponseException(
        method + " " + path + " returned " + what + ": " + e.getMessage(), e);
  }

  /**
   * {@return true if {@code e}, thrown while a 2xx body was bound, means the body (not the transport) was at fault}
   *
   * @param e the failure
   */
  public static boolean isBindingFailure(Throwable e) {
    return e instanceof JsonDataException || e instanceof JsonEncodingException
        || (e instanceof EOFException && e.getMessage() != null && e.getMessage().startsWith("End of input"));
  }

  /**
   * The first present header of {@link #REQUEST_ID_HEADERS}, or null.
   *
   * @param headers the response headers
   * @return Klaviyo's request id, or null
   */
  public static String requestId(Headers headers) {
    for (String name : REQUEST_ID_HEADERS) {
      String value = headers.get(name);
      if (value != null && !value.isBlank()) return value;
    }
    return null;
  }

  /**
   * Parses a JSON:API {@code errors} document; anything else yields an empty list.
   *
   * @param body the response body, or null
   * @return the errors; empty if the body is not an error document
   */
  public static List<KlaviyoError> parseErrors(String body) {
    if (body == null || body.isBlank()) return List.of();
    Object root;
    try {
      root = JSON.fromJson(body);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    if (!(root instanceof Map<?, ?> map) || !(map.get("errors") instanceof List<?> list)) return List.of();
    List<KlaviyoError> result = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> error)) continue;
      Map<?, ?> source = error.get("source") instanceof Map<?, ?> s ? s : Map.of();
      @SuppressWarnings("unchecked")
      Map<String, Object> meta = error.get("meta") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
      result.add(new KlaviyoError(
          string(error.get("id")),
          status(error.get("status")),
          string(error.get("code")),
          string(error.get("title")),
          string(error.get("detail")),
          string(source.get("pointer")),
          string(source.get("parameter")),
          meta));
    }
    return result;
  }

  private static String message(String method, String path, int status, List<KlaviyoError> errors,
      String requestId) {
    StringBuilder b = new StringBuilder().append("HTTP ").append(status).append(' ')
        .append(method).append(' ').append(path);
    for (KlaviyoError error : errors) {
      b.append("; ");
      if (error.code() != null) b.append(error.code()).append(": ");
      b.append(error.detail() != null ? error.detail() : error.title());
      if (error.sourcePointer() != null) b.append(" (at ").append(error.sourcePointer()).append(')');
      if (error.sourceParameter() != null) b.append(" (parameter ").append(error.sourceParameter()).append(')');
    }
    if (requestId != null) b.append(" [request id ").append(requestId).append(']');
    return b.toString();
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }

  private static int status(Object value) {
    if (value instanceof Number n) return n.intValue();
    if (value instanceof String s) {
      try {
        return Integer.parseInt(s.trim());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }
}
