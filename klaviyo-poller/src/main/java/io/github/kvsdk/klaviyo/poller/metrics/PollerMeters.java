package io.github.kvsdk.klaviyo.poller.metrics;

/**
 * The names and tags of the meters a {@code Poller} records when built with {@code meterRegistry(registry)}.
 * Without a registry nothing is recorded and Micrometer need not be on the class path.
 *
 * <p>Every meter is tagged with {@value #TAG_TYPE}, the polled object type as configured (such as {@code
 * profiles}). Pollers of one object type in one registry share their counters; the two gauges follow the
 * first poller of a type that registered them.
 */
public final class PollerMeters {
  /** Counter: pages fetched whose new objects the consumer accepted and whose checkpoint was saved. */
  public static final String PAGES = "klaviyo.poller.pages";

  /** Counter: objects on those pages. */
  public static final String OBJECTS_FETCHED = "klaviyo.poller.objects.fetched";

  /** Counter: objects handed to the consumer (new ones; duplicates and objects outside the window skipped). */
  public static final String OBJECTS_EMITTED = "klaviyo.poller.objects.emitted";

  /** Counter: polls that ended normally; tag {@value #TAG_COMPLETE} false when a close stopped one early. */
  public static final String POLLS = "klaviyo.poller.polls";

  /** Counter: polls that failed; tag {@value #TAG_EXCEPTION}, the failure's simple class name. */
  public static final String ERRORS = "klaviyo.poller.errors";

  /**
   * Time gauge: how far the stream is behind now, from the checkpoint's boundary (the first second not known
   * to be complete) to the poller's clock; it never falls below the configured lag. NaN before the first poll.
   */
  public static final String LAG = "klaviyo.poller.lag";

  /** Time gauge: time since this poller last saved a checkpoint. NaN before the first save. */
  public static final String CHECKPOINT_AGE = "klaviyo.poller.checkpoint.age";

  /** Tag: the polled object type as configured, such as {@code profiles}. */
  public static final String TAG_TYPE = "type";
  /** Tag of {@link #POLLS}: {@code true}, or {@code false} for a poll a close stopped early. */
  public static final String TAG_COMPLETE = "complete";
  /** Tag of {@link #ERRORS}: the simple class name of the failure, such as {@code KlaviyoNetworkException}. */
  public static final String TAG_EXCEPTION = "exception";

  private PollerMeters() {}
}
