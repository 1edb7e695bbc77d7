package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;

/**
 * How a bulk action (Bulk Create Events, Subscribe Profiles, Unsubscribe Profiles) sends the jobs it splits
 * its input into.
 *
 * <p>By default every job is sent even when an earlier one failed, and the {@code Async} variants keep at most
 * {@value #DEFAULT_MAX_IN_FLIGHT} jobs in flight. With {@link Builder#stopOnFailure stopOnFailure}, the first
 * failed job ends the run: jobs not yet sent are not sent, and jobs in flight are cancelled.
 */
public final class BulkOptions {
  /** The number of jobs the {@code Async} variants keep in flight unless told otherwise. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 4;

  private static final BulkOptions DEFAULTS = builder().build();

  private final int maxInFlight;
  private final boolean stopOnFailure;

  private BulkOptions(Builder b) {
    this.maxInFlight = b.maxInFlight;
    this.stopOnFailure = b.stopOnFailure;
  }

  /** {@return options that send every job, at most {@value #DEFAULT_MAX_IN_FLIGHT} at a time when asynchronous} */
  public static BulkOptions defaults() {
    return DEFAULTS;
  }

  /** {@return a builder starting from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return how many jobs at most are in flight at once in the {@code Async} variants; the others wait} */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** {@return whether the first failed job ends the run} */
  public boolean stopOnFailure() {
    return stopOnFailure;
  }

  @Override
  public String toString() {
    return "BulkOptions{maxInFlight=" + maxInFlight + ", stopOnFailure=" + stopOnFailure + "}";
  }

  /** Builds {@link BulkOptions}; unset options keep their defaults. Not thread-safe. */
  public static final class Builder {
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    private boolean stopOnFailure;

    private Builder() {}

    /**
     * At most {@code jobs} in flight at once (1 sends them one after another); at least 1.
     *
     * @param jobs how many jobs may be in flight at once, at least 1
     * @return this builder
     */
    public Builder maxInFlight(int jobs) {
      if (jobs < 1) throw new KlaviyoValidationException("maxInFlight", "must be at least 1");
      this.maxInFlight = jobs;
      return this;
    }

    /**
     * When true, the first failed job ends the run: later jobs are not sent and jobs in flight are cancelled.
     *
     * @param stopOnFailure true to send no further job once one failed
     * @return this builder
     */
    public Builder stopOnFailure(boolean stopOnFailure) {
      this.stopOnFailure = stopOnFailure;
      return this;
    }

    /** {@return the options} */
    public BulkOptions build() {
      return new BulkOptions(this);
    }
  }
}
