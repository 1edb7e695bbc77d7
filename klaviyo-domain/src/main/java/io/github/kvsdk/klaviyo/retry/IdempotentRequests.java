package io.github.kvsdk.klaviyo.retry;

import io.github.kvsdk.klaviyo.http.internal.StaleConnectionCheck;
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
 * Decides whether a request may be sent twice.
 *
 * <p>GET, HEAD, OPTIONS, PUT and DELETE are idempotent by HTTP semantics; Klaviyo's PATCH updates set fields to
 * given values, but we still treat PATCH as not idempotent because relationship PATCHes are not. A POST is
 * idempotent only if its path matches {@link #DEFAULT_IDEMPOTENT_POSTS} (or a pattern the caller added): these
 * are upserts or set-membership writes whose repetition leaves the account in the same state.
 * A {@link Retryability} tag on the request overrides all of this.
 */
public final class IdempotentRequests {
  /**
   * POST path templates (with {@code {id}} placeholders) that Klaviyo treats as upserts or set operations:
   * <ul>
   *   <li>{@code /api/profile-import}: create-or-update by email/phone/external id;</li>
   *   <li>{@code /api/profile-subscription-bulk-create-jobs} and {@code -delete-jobs}: subscribing a subscribed
   *       profile (or unsubscribing an unsubscribed one) changes nothing;</li>
   *   <li>{@code /api/profile-suppression-bulk-create-jobs} and {@code -delete-jobs}: likewise;</li>
   *   <li>{@code /api/lists/{id}/relationships/profiles}: adding a member twice keeps one membership;</li>
   *   <li>{@code /api/tags/{id}/relationships/*}: tagging twice keeps one tag.</li>
   * </ul>
   * Creates such as {@code POST /api/profiles}, {@code /api/events} or {@code /api/lists} are deliberately absent.
   */
  public static final List<String> DEFAULT_IDEMPOTENT_POSTS = List.of(
      "/api/profile-import",
      "/api/profile-subscription-bulk-create-jobs",
      "/api/profile-subscription-bulk-delete-jobs",
      "/api/profile-suppression-bulk-create-jobs",
      "/api/profile-suppression-bulk-delete-jobs",
      "/api/lists/{id}/relationships/profiles",
      "/api/tags/{id}/relationships/{relationship}");

  private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

  private IdempotentRequests() {}

  /** Compiles a path template such as {@code /api/lists/{id}/relationships/profiles} to a matcher. */
  static Pattern compile(String template) {
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("path template must start with '/': " + template);
    }
    StringBuilder regex = new StringBuilder("^");
    for (String segment : template.substring(1).split("/", -1)) {
      regex.append('/');
      if (segment.startsWith("{") && segment.endsWith("}")) {
        regex.append("[^/]+");
      } else {
        regex.append(Pattern.quote(segment));
      }
    }
    return Pattern.compile(regex.append("/?$").toString());
  }

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
