package io.github.kvsdk.klaviyo.retry.internal;

import io.github.kvsdk.klaviyo.http.internal.StaleConnectionCheck;
import io.github.kvsdk.klaviyo.retry.IdempotentRequests;
import io.github.kvsdk.klaviyo.retry.Retryability;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.Request;

/**
 * Whether a failed request may be sent again: the rules {@link IdempotentRequests} describes, and the failures
 * that prove a request never left this machine.
 */
final class RequestSafety {
  private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

  private RequestSafety() {}

  /** True if the request may be repeated after it reached the server. */
  static boolean isIdempotent(Request request, List<Pattern> idempotentPosts) {
    Retryability tag = request.tag(Retryability.class);
    if (tag != null) return tag == Retryability.IDEMPOTENT;
    String method = request.method().toUpperCase(Locale.ROOT);
    if (IDEMPOTENT_METHODS.contains(method)) return true;
    if (!method.equals("POST")) return false;
    String path = request.url().encodedPath();
    for (Pattern pattern : idempotentPosts) {
      if (pattern.matcher(path).matches()) return true;
    }
    return false;
  }

  /**
   * True if {@code e} proves the request never left this machine: DNS failed, the TCP connection could not be
   * established, the pooled connection was found closed by the server before anything was written, or an
   * HTTP/2 server refused the stream or had shut the connection down before the stream opened. Any such request is safe to retry, whatever its method.
   */
  static boolean failedBeforeSending(Throwable e) {
    if (e instanceof StaleConnectionCheck.StaleConnectionException) return true;
    // HTTP/2: the connection had been shut down (GOAWAY) before the stream was opened, or the server refused the
    // stream, which RFC 9113 (section 8.7) guarantees it did not process. Matched by name: OkHttp's internal types.
    String type = e.getClass().getName();
    if (type.equals("okhttp3.internal.http2.ConnectionShutdownException")) return true;
    if (type.equals("okhttp3.internal.http2.StreamResetException") && e.getMessage() != null
        && e.getMessage().endsWith("REFUSED_STREAM")) {
      return true;
    }
    if (e instanceof UnknownHostException || e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return true;
    }
    return e instanceof SocketTimeoutException
        && e.getMessage() != null
        && e.getMessage().toLowerCase(Locale.ROOT).startsWith("connect timed out");
  }
}
