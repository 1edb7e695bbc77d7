package io.github.kvsdk.klaviyo.api;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import io.github.kvsdk.klaviyo.http.Timeouts;
import io.github.kvsdk.klaviyo.retry.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Options for one request, overriding the client's: timeouts, the retry policy, and whether query values
 * are checked against the operation before sending.
 *
 * <pre>{@code
 * client.profiles().getProfiles(params, RequestOptions.builder()
 *     .callTimeout(Duration.ofSeconds(5))
 *     .retryPolicy(RetryPolicy.none())
 *     .build());
 * }</pre>
 *
 * <p>Immutable. A request with timeout or retry changes runs on a client derived from the one it was made
 * with, sharing its connection pool, dispatcher and rate-limit state.
 */
public final class RequestOptions {
  private static final RequestOptions NONE = new Builder().build();

  private final Duration callTimeout;
  private final Duration readTimeout;
  private final RetryPolicy retryPolicy;
  private final boolean skipValidation;

  private RequestOptions(Builder b) {
    this.callTimeout = b.callTimeout;
    this.readTimeout = b.readTimeout;
    this.retryPolicy = b.retryPolicy;
    this.skipValidation = b.skipValidation;
  }

  /** {@return the client's options, unchanged} */
  public static RequestOptions none() {
    return NONE;
  }

  /**
   * A builder with nothing overridden.
   *
   * @return this builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these options.
   *
   * @return this builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.callTimeout = callTimeout;
    b.readTimeout = readTimeout;
    b.retryPolicy = retryPolicy;
    b.skipValidation = skipValidation;
    return b;
  }

  /** {@return the longest the whole call may take, retries and waits included; empty to keep the client's} */
  public Optional<Duration> callTimeout() {
    return Optional.ofNullable(callTimeout);
  }

  /** {@return the longest silence while reading the response; empty to keep the client's} */
  public Optional<Duration> readTimeout() {
    return Optional.ofNullable(readTimeout);
  }

  /** {@return the retry policy; empty to keep the client's} */
  public Optional<RetryPolicy> retryPolicy() {
    return Optional.ofNullable(retryPolicy);
  }

  /**
   * {@return true if filter, sort, fieldset, include and page-size values are sent as given, without checking them
   * against what the pinned revision documents (for a value Klaviyo accepts that the revision does not list)}
   */
  public boolean skipValidation() {
    return skipValidation;
  }

  /** {@return true if a timeout or the retry policy is overridden, so the request needs a derived client} */
  public boolean changesTransport() {
    return callTimeout != null || readTimeout != null || retryPolicy != null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequestOptions r && Objects.equals(callTimeout, r.callTimeout)
        && Objects.equals(readTimeout, r.readTimeout) && Objects.equals(retryPolicy, r.retryPolicy)
        && skipValidation == r.skipValidation;
  }

  @Override
  public int hashCode() {
    return Objects.hash(callTimeout, readTimeout, retryPolicy, skipValidation);
  }

  @Override
  public String toString() {
    return "RequestOptions{callTimeout=" + callTimeout + ", readTimeout=" + readTimeout + ", retryPolicy="
        + retryPolicy + ", skipValidation=" + skipValidation + "}";
  }

  /** Collects request options. Every setter validates its argument at once. */
  public static final class Builder {
    private Duration callTimeout;
    private Duration readTimeout;
    private RetryPolicy retryPolicy;
    private boolean skipValidation;

    private Builder() {}

    /**
     * The longest the whole call may take, retries and waits included; zero means none; at most 1 hour.
     *
     * @param timeout the timeout for this request
     * @return this builder
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = timeout("callTimeout", timeout);
      return this;
    }

    /**
     * The longest silence while reading the response; zero means none; at most 1 hour.
     *
     * @param timeout the timeout for this request
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout("readTimeout", timeout);
      return this;
    }

    /**
     * The retry policy for this request, such as {@link RetryPolicy#none()}.
     *
     * @param retryPolicy the retry policy for this request
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      if (retryPolicy == null) throw new KlaviyoValidationException("retryPolicy", "must not be null");
      this.retryPolicy = retryPolicy;
      return this;
    }

    /**
     * Sends query values without checking them against the pinned revision.
     *
     * @return this builder
     */
    public Builder skipValidation() {
      this.skipValidation = true;
      return this;
    }

    /** {@return the options} */
    public RequestOptions build() {
      return new RequestOptions(this);
    }

    private static Duration timeout(String field, Duration timeout) {
      return Timeouts.check(field, timeout);
    }
  }
}
