package io.github.kvsdk.klaviyo.retry;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.http.internal.PathTemplate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When and how long to wait before sending a failed request again. Immutable; create with {@link #builder()}.
 *
 * <p>Defaults: at most 3 retries; 429 always retried (Klaviyo rejected it before doing anything), honouring
 * {@code Retry-After} up to 60 s; 502, 503, 504 and 524 and network failures retried only for idempotent
 * requests (see {@link IdempotentRequests}), or for any request when the connection was never established;
 * without a server hint, exponential back-off with full jitter: a uniformly random delay in
 * {@code [0, min(maxDelay, baseDelay * 2^retry)]}, base 0.5 s, cap 20 s.
 */
public final class RetryPolicy {
  /** Statuses retried for idempotent requests by default: gateway failures and Cloudflare's 524 timeout. */
  public static final Set<Integer> DEFAULT_RETRYABLE_STATUSES = Set.of(502, 503, 504, 524);

  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxRetries(0).build();

  private final int maxRetries;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration fixedDelay;
  private final Duration maxRetryAfter;
  private final boolean retryAllErrors;
  private final boolean retryNetworkErrors;
  private final Set<Integer> retryableStatuses;
  private final List<String> idempotentPosts;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier random;

  private RetryPolicy(Builder b) {
    this.maxRetries = b.maxRetries;
    this.baseDelay = b.baseDelay;
    this.maxDelay = b.maxDelay;
    this.fixedDelay = b.fixedDelay;
    this.maxRetryAfter = b.maxRetryAfter;
    this.retryAllErrors = b.retryAllErrors;
    this.retryNetworkErrors = b.retryNetworkErrors;
    this.retryableStatuses = Set.copyOf(b.retryableStatuses);
    this.idempotentPosts = List.copyOf(b.idempotentPosts);
    idempotentPosts.forEach(PathTemplate::compile); // refuses a template that does not start with '/'
    this.sleeper = b.sleeper;
    this.clock = b.clock;
    this.random = b.random;
  }

  /** {@return the default policy described in the class documentation} */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** {@return a policy that never retries} */
  public static RetryPolicy none() {
    return NONE;
  }

  /** {@return a builder starting from the default policy} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding this policy's settings, to derive a changed policy} */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** {@return how many times a failed call is retried at most; 0 never retries} */
  public int maxRetries() {
    return maxRetries;
  }

  /** {@return the first back-off delay, doubled per further retry up to {@link #maxDelay()}} */
  public Duration baseDelay() {
    return baseDelay;
  }

  /** {@return the longest back-off delay between two attempts} */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** {@return a constant delay between retries, used instead of exponential back-off when set} */
  public Duration fixedDelay() {
    return fixedDelay;
  }

  /** {@return the longest {@code Retry-After} this policy waits for; a longer one returns the 429 to the caller} */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /** {@return whether every non-2xx status is retried, whatever the method (the raw request's "retry on all errors")} */
  public boolean retryAllErrors() {
    return retryAllErrors;
  }

  /** {@return whether network failures and timeouts of retry-safe requests are retried} */
  public boolean retryNetworkErrors() {
    return retryNetworkErrors;
  }

  /** {@return the HTTP statuses retried, such as 429 and 503} */
  public Set<Integer> retryableStatuses() {
    return retryableStatuses;
  }

  /** {@return the POST path templates treated as idempotent, starting with {@link IdempotentRequests#DEFAULT_IDEMPOTENT_POSTS}} */
  public List<String> idempotentPosts() {
    return idempotentPosts;
  }

  /** {@return how synchronous calls wait between attempts; tests substitute a fake} */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** {@return the clock {@code Retry-After} dates are measured against} */
  public Clock clock() {
    return clock;
  }

  /**
   * The delay before retry number {@code retry} (0 for the first retry) when the server gave no hint: the fixed
   * delay if set, else full jitter over {@code min(maxDelay, baseDelay * 2^retry)}.
   *
   * @param retry the retry number, 0 for the first retry
   * @return the delay
   */
  public Duration backoff(int retry) {
    if (fixedDelay != null) return fixedDelay;
    return Duration.ofNanos((long) (random.getAsDouble() * backoffCeiling(retry).toNanos()));
  }

  /**
   * The upper bound of {@link #backoff(int)} for exponential back-off.
   *
   * @param retry the retry number, 0 for the first retry
   * @return the longest delay that retry may wait
   */
  public Duration backoffCeiling(int retry) {
    int shift = Math.min(Math.max(retry, 0), 30);
    long base = baseDelay.toNanos();
    long cap = maxDelay.toNanos();
    long ceiling = base > (cap >> shift) ? cap : base << shift;
    return Duration.ofNanos(Math.min(ceiling, cap));
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxRetries=" + maxRetries + ", baseDelay=" + baseDelay + ", maxDelay=" + maxDelay
        + (fixedDelay != null ? ", fixedDelay=" + fixedDelay : "") + ", retryAllErrors=" + retryAllErrors
        + ", retryableStatuses=" + retryableStatuses + "}";
  }

  /** Builds {@link RetryPolicy} instances; every setter validates its argument at once. */
  public static final class Builder {
    private int maxRetries = 3;
    private Duration baseDelay = Duration.ofMillis(500);
    private Duration maxDelay = Duration.ofSeconds(20);
    private Duration fixedDelay;
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private boolean retryAllErrors;
    private boolean retryNetworkErrors = true;
    private Set<Integer> retryableStatuses = DEFAULT_RETRYABLE_STATUSES;
    private final List<String> idempotentPosts = new ArrayList<>(IdempotentRequests.DEFAULT_IDEMPOTENT_POSTS);
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    private Builder(RetryPolicy p) {
      maxRetries = p.maxRetries;
      baseDelay = p.baseDelay;
      maxDelay = p.maxDelay;
      fixedDelay = p.fixedDelay;
      maxRetryAfter = p.maxRetryAfter;
      retryAllErrors = p.retryAllErrors;
      retryNetworkErrors = p.retryNetworkErrors;
      retryableStatuses = p.retryableStatuses;
      idempotentPosts.clear();
      idempotentPosts.addAll(p.idempotentPosts);
      sleeper = p.sleeper;
      clock = p.clock;
      random = p.random;
    }

    /**
     * Retries after the first attempt; 0 disables retries. Between 0 and 10.
     *
     * @param maxRetries how many retries at most; 0 disables retries
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 10) {
        throw new KlaviyoValidationException("maxRetries", "must be between 0 and 10, was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * The first exponential back-off ceiling. Positive.
     *
     * @param baseDelay the first back-off delay
     * @return this builder
     */
    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = positive("baseDelay", baseDelay);
      return this;
    }

    /**
     * The largest computed back-off. Positive.
     *
     * @param maxDelay the longest back-off delay
     * @return this builder
     */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = positive("maxDelay", maxDelay);
      return this;
    }

    /**
     * Waits exactly {@code delay} between retries instead of backing off exponentially; null restores back-off.
     *
     * @param delay the constant delay, or null for exponential back-off
     * @return this builder
     */
    public Builder fixedDelay(Duration delay) {
      if (delay != null && delay.isNegative()) {
        throw new KlaviyoValidationException("fixedDelay", "must not be negative");
      }
      this.fixedDelay = delay;
      return this;
    }

    /**
     * The longest server-requested wait to honour; longer ones surface as {@code RateLimitedException}.
     *
     * @param maxRetryAfter the longest {@code Retry-After} to wait for
     * @return this builder
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = positive("maxRetryAfter", maxRetryAfter);
      return this;
    }

    /**
     * Retry every non-2xx response and network failure, for any method. This is an explicit opt-in to possibly
     * repeating a create; the default policy never does.
     *
     * @param retryAllErrors true to retry every non-2xx status, whatever the method
     * @return this builder
     */
    public Builder retryAllErrors(boolean retryAllErrors) {
      this.retryAllErrors = retryAllErrors;
      return this;
    }

    /**
     * Whether idempotent requests are retried after a network failure. Default true.
     *
     * @param retryNetworkErrors true to retry network failures and timeouts of retry-safe requests
     * @return this builder
     */
    public Builder retryNetworkErrors(boolean retryNetworkErrors) {
      this.retryNetworkErrors = retryNetworkErrors;
      return this;
    }

    /**
     * Statuses (besides 429) retried for idempotent requests. Each must be 4xx or 5xx.
     *
     * @param statuses HTTP statuses from 400 to 599
     * @return this builder
     */
    public Builder retryableStatuses(Set<Integer> statuses) {
      Objects.requireNonNull(statuses, "statuses");
      for (int status : statuses) {
        if (status < 400 || status > 599) {
          throw new KlaviyoValidationException("retryableStatuses", "must be 4xx or 5xx codes, found " + status);
        }
      }
      this.retryableStatuses = Set.copyOf(statuses);
      return this;
    }

    /**
     * Adds a POST path template (such as {@code /api/my-upserts/{id}}) whose repetition is harmless.
     *
     * @param pathTemplate the path template; {@code {id}} stands for one path segment
     * @return this builder
     */
    public Builder addIdempotentPost(String pathTemplate) {
      if (pathTemplate == null || !pathTemplate.startsWith("/")) {
        throw new KlaviyoValidationException("idempotentPost", "must be a path template starting with '/'");
      }
      idempotentPosts.add(pathTemplate);
      return this;
    }

    /**
     * Where delays are spent. Tests pass a recording sleeper.
     *
     * @param sleeper how synchronous calls wait
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * The clock that {@code Retry-After} HTTP dates are measured against.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The source of jitter, uniform in [0, 1). Tests pin it to check the bounds.
     *
     * @param random supplies numbers in [0, 1)
     * @return this builder
     */
    public Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws KlaviyoValidationException if {@code maxDelay} is shorter than {@code baseDelay}
     */
    public RetryPolicy build() {
      if (maxDelay.compareTo(baseDelay) < 0) {
        throw new KlaviyoValidationException("maxDelay", "must be at least baseDelay (" + baseDelay + ")");
      }
      return new RetryPolicy(this);
    }

    private static Duration positive(String field, Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new KlaviyoValidationException(field, "must be a positive duration");
      }
      return value;
    }
  }
}
