package io.github.kvsdk.klaviyo.ratelimit;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the client-side rate limiter. Immutable; the defaults enable it with the limits Klaviyo
 * documents for each operation of the revision this library was built for, loaded on the first limited
 * request.
 */
public final class RateLimiterConfig {
  private static final RateLimiterConfig DEFAULTS = builder().build();
  private static final RateLimiterConfig DISABLED = builder().enabled(false).build();

  private final boolean enabled;
  private final OperationLimits operationLimits;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration safetyMargin;

  private RateLimiterConfig(Builder b) {
    this.enabled = b.enabled;
    this.operationLimits = b.operationLimits;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.safetyMargin = b.safetyMargin;
  }

  /** {@return the default: on, with the limits the spec publishes per operation and a 100 ms safety margin} */
  public static RateLimiterConfig defaults() {
    return DEFAULTS;
  }

  /** {@return a configuration that lets every call through without waiting} */
  public static RateLimiterConfig disabled() {
    return DISABLED;
  }

  /** {@return a builder starting from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return whether calls wait for the published limits} */
  public boolean enabled() {
    return enabled;
  }

  /** {@return where each operation's limits come from} */
  public OperationLimits operationLimits() {
    return operationLimits;
  }

  /** {@return the clock rate-limit windows are measured with} */
  public Clock clock() {
    return clock;
  }

  /** {@return how synchronous calls wait for a window; tests substitute a fake} */
  public Sleeper sleeper() {
    return sleeper;
  }

  /**
   * {@return the time added to every window's length} Klaviyo counts requests when they arrive, and network
   * jitter can move two requests that left a window apart into the same server window; the margin absorbs
   * that.
   */
  public Duration safetyMargin() {
    return safetyMargin;
  }

  @Override
  public String toString() {
    return "RateLimiterConfig{enabled=" + enabled + ", safetyMargin=" + safetyMargin + "}";
  }

  /** Collects a rate limiter's settings; not thread-safe. */
  public static final class Builder {
    private boolean enabled = true;
    private OperationLimits operationLimits = (method, path) -> CatalogOperationLimits.packaged().forRequest(method, path);
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Duration safetyMargin = Duration.ofMillis(100);

    private Builder() {}

    /**
     * Turns the limiter on (the default) or off.
     *
     * @param enabled false to let every call through at once
     * @return this builder
     */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /**
     * Where limits come from; defaults to the limits Klaviyo documents for each operation, which {@link
     * RateLimiterConfig#defaults()}{@code .operationLimits()} returns (to wrap or adjust them).
     *
     * @param operationLimits the limits per request
     * @return this builder
     */
    public Builder operationLimits(OperationLimits operationLimits) {
      this.operationLimits = Objects.requireNonNull(operationLimits, "operationLimits");
      return this;
    }

    /**
     * The clock windows are measured with; default the system clock in UTC.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How synchronous calls wait; default real sleeping.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Between 0 and 1 s; default 100 ms.
     *
     * @param margin added to every window's length
     * @return this builder
     * @throws KlaviyoValidationException if the margin is null, negative or over 1 s
     */
    public Builder safetyMargin(Duration margin) {
      if (margin == null || margin.isNegative() || margin.compareTo(Duration.ofSeconds(1)) > 0) {
        throw new KlaviyoValidationException("safetyMargin", "must be between 0 and 1 second");
      }
      this.safetyMargin = margin;
      return this;
    }

    /** {@return the configuration} */
    public RateLimiterConfig build() {
      return new RateLimiterConfig(this);
    }
  }
}
