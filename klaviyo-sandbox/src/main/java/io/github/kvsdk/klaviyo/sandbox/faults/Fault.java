package io.github.kvsdk.klaviyo.sandbox.faults;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A failure to inject into matching requests. Immutable: each {@code with}-style method returns a copy.
 *
 * <pre>{@code
 * sandbox.faults().add(Fault.status(503).path("/api/profiles*").times(2));
 * sandbox.faults().add(Fault.delay(Duration.ofSeconds(2)).probability(0.1));
 * sandbox.faults().add(Fault.connectionReset().path("/api/events").method("POST").times(1));
 * }</pre>
 *
 * <p>Path patterns match the request path (no query); {@code *} matches any run of characters.
 * A fault applies to every matching request unless limited by {@link #times} (the first n matching
 * requests) or {@link #probability} (each matching request independently).
 */
public final class Fault {
  /** What happens to a matching request. */
  public enum Kind {
    /** Respond with an error status and Klaviyo's error document, without touching state. */
    STATUS,
    /** Wait, then serve the request normally. */
    DELAY,
    /** Close the connection without any response. */
    CONNECTION_RESET,
    /** Serve the request, but send only the first half of the body, then close the connection. */
    TRUNCATED_BODY,
    /** Serve the request's status and headers with a body that is not valid JSON. */
    MALFORMED_BODY
  }

  private final Kind kind;
  private final int status;
  private final Duration delay;
  private final String pathPattern;
  private final String method;
  private final int times;
  private final double probability;

  private Fault(Kind kind, int status, Duration delay, String pathPattern, String method, int times,
      double probability) {
    this.kind = kind;
    this.status = status;
    this.delay = delay;
    this.pathPattern = pathPattern;
    this.method = method;
    this.times = times;
    this.probability = probability;
  }

  /**
   * Respond with {@code status} (such as 429, 500, 503, 504 or 524) and an error document.
   *
   * @param status the HTTP status to answer with, such as 503
   * @return the new fault, matching every request until narrowed
   */
  public static Fault status(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 400..599, was " + status);
    }
    return new Fault(Kind.STATUS, status, Duration.ZERO, "*", null, -1, 1.0);
  }

  /**
   * Delay matching requests by {@code delay} before serving them.
   *
   * @param delay how long to wait before serving the request
   * @return the new fault, matching every request until narrowed
   */
  public static Fault delay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
    return new Fault(Kind.DELAY, 0, delay, "*", null, -1, 1.0);
  }

  /**
   * Close the connection without answering.
   *
   * @return the new fault, matching every request until narrowed
   */
  public static Fault connectionReset() {
    return new Fault(Kind.CONNECTION_RESET, 0, Duration.ZERO, "*", null, -1, 1.0);
  }

  /**
   * Send half of the body and close the connection.
   *
   * @return the new fault, matching every request until narrowed
   */
  public static Fault truncatedBody() {
    return new Fault(Kind.TRUNCATED_BODY, 0, Duration.ZERO, "*", null, -1, 1.0);
  }

  /**
   * Send a body that is not valid JSON.
   *
   * @return the new fault, matching every request until narrowed
   */
  public static Fault malformedBody() {
    return new Fault(Kind.MALFORMED_BODY, 0, Duration.ZERO, "*", null, -1, 1.0);
  }

  /**
   * Only requests whose path matches {@code pattern} ({@code *} is a wildcard).
   *
   * @param pattern the path to match; a trailing {@code *} matches any rest, such as {@code /api/profiles*}
   * @return a copy of this fault with that setting; this one is unchanged
   */
  public Fault path(String pattern) {
    return new Fault(kind, status, delay, Objects.requireNonNull(pattern, "pattern"), method, times, probability);
  }

  /**
   * Only requests with HTTP {@code method}.
   *
   * @param method the HTTP method to match, such as {@code GET}; null for any
   * @return a copy of this fault with that setting; this one is unchanged
   */
  public Fault method(String method) {
    return new Fault(kind, status, delay, pathPattern, method.toUpperCase(Locale.ROOT), times, probability);
  }

  /**
   * Only the first {@code n} matching requests.
   *
   * @param n how many matching requests the fault applies to
   * @return a copy of this fault with that setting; this one is unchanged
   */
  public Fault times(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("times must be >= 1, was " + n);
    }
    return new Fault(kind, status, delay, pathPattern, method, n, probability);
  }

  /**
   * Each matching request independently with probability {@code p} (0..1).
   *
   * @param p the probability, from 0 to 1, that a matching request is hit
   * @return a copy of this fault with that setting; this one is unchanged
   */
  public Fault probability(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("probability must be within 0..1, was " + p);
    }
    return new Fault(kind, status, delay, pathPattern, method, times, p);
  }

  /** {@return what the fault does} */
  public Kind kind() {
    return kind;
  }

  /** {@return the HTTP status a {@link Kind#STATUS} fault answers with} */
  public int statusCode() {
    return status;
  }

  /** {@return how long a {@link Kind#DELAY} fault waits} */
  public Duration delayDuration() {
    return delay;
  }

  /** {@return the path pattern matched; {@code *} matches every path} */
  public String pathPattern() {
    return pathPattern;
  }

  /**
   * {@return the HTTP method matched, or null for any}
   */
  public String methodFilter() {
    return method;
  }

  /**
   * {@return how many matching requests this fault applies to, or -1 for unlimited}
   */
  public int timesLimit() {
    return times;
  }

  /** {@return the probability, from 0 to 1, that a matching request is hit} */
  public double probabilityValue() {
    return probability;
  }

  boolean matches(String requestMethod, String path) {
    return (method == null || method.equals(requestMethod)) && glob(pathPattern, path);
  }

  static boolean glob(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  @Override
  public String toString() {
    return "Fault{" + kind + (kind == Kind.STATUS ? " " + status : "") + (kind == Kind.DELAY ? " " + delay : "")
        + ", path=" + pathPattern + (method == null ? "" : ", method=" + method)
        + (times < 0 ? "" : ", times=" + times) + (probability < 1 ? ", probability=" + probability : "") + "}";
  }
}
