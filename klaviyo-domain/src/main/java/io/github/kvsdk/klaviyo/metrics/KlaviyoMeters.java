package io.github.kvsdk.klaviyo.metrics;

/**
 * The names and tags of the meters a {@code KlaviyoClient} records when built with {@code
 * meterRegistry(registry)}. Without a registry nothing is recorded and Micrometer need not be on the class
 * path.
 *
 * <p>Every meter is tagged with {@value #TAG_OPERATION} (the spec's operation id, such as {@code get_profiles};
 * {@code unknown} for a raw request to a path no operation serves); all but the rate-limiter timer also with
 * {@value #TAG_METHOD} (the HTTP method). Timers also carry {@value #TAG_STATUS}: the class of the HTTP status
 * ({@code 2xx}, {@code 3xx}, {@code 4xx}, {@code 5xx}) or {@code error} when no response arrived.
 */
public final class KlaviyoMeters {
  /** Timer: each logical call from start to end, retries and waits included; tags operation, method, status. */
  public static final String CALLS = "klaviyo.client.calls";

  /** Timer: each HTTP exchange (a call's first attempt and each retry); tags operation, method, status. */
  public static final String REQUESTS = "klaviyo.client.requests";

  /** Counter: attempts that were retries of an earlier attempt of the same call; tags operation, method. */
  public static final String RETRIES = "klaviyo.client.retries";

  /** Counter: HTTP 429 (rate limited by Klaviyo) responses; tags operation, method. */
  public static final String THROTTLED = "klaviyo.client.throttled";

  /**
   * Timer: waits the client-side rate limiter imposed before an attempt (its count is the number of waits,
   * its total time their sum); tag operation.
   */
  public static final String RATE_LIMITER_WAITS = "klaviyo.client.rate.limiter.waits";

  /** Tag: the spec's operation id, such as {@code get_profiles}; {@code unknown} if no operation matches. */
  public static final String TAG_OPERATION = "operation";
  /** Tag: the HTTP method, such as {@code GET}. */
  public static final String TAG_METHOD = "method";
  /** Tag: {@code 2xx}, {@code 3xx}, {@code 4xx}, {@code 5xx}, or {@code error} when no response arrived. */
  public static final String TAG_STATUS = "status";

  private KlaviyoMeters() {}
}
