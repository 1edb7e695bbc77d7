package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;

/**
 * Options of Subscribe Profiles beyond the profiles and the list: the consent records' custom source, whether
 * this is a historical import, and how the jobs are sent ({@link BulkOptions}). Nothing is sent for an option
 * that is not set.
 */
public final class SubscriptionOptions {
  private static final SubscriptionOptions NONE = builder().build();

  private final String customSource;
  private final Boolean historicalImport;
  private final BulkOptions bulk;

  private SubscriptionOptions(Builder b) {
    this.customSource = b.customSource;
    this.historicalImport = b.historicalImport;
    this.bulk = b.bulk;
  }

  /** {@return options with no custom source, not a historical import, jobs sent with {@link BulkOptions#defaults()}} */
  public static SubscriptionOptions none() {
    return NONE;
  }

  /** {@return a builder with nothing set} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the custom source, or null if not set} */
  public String customSource() {
    return customSource;
  }

  /** {@return whether this is a historical import, or null if not set} */
  public Boolean historicalImport() {
    return historicalImport;
  }

  /** {@return how the subscription jobs are sent} */
  public BulkOptions bulk() {
    return bulk;
  }

  @Override
  public String toString() {
    return "SubscriptionOptions{customSource=" + customSource + ", historicalImport=" + historicalImport
        + ", " + bulk + "}";
  }

  /** Builds {@link SubscriptionOptions}; unset options keep their defaults. Not thread-safe. */
  public static final class Builder {
    private String customSource;
    private Boolean historicalImport;
    private BulkOptions bulk = BulkOptions.defaults();

    private Builder() {}

    /**
     * A custom method detail or source stored on the consent records ({@code custom_source}), such as "Marketing
     * Event".
     *
     * @param customSource the source recorded on the consent, such as {@code Marketing Event}
     * @return this builder
     */
    public Builder customSource(String customSource) {
      if (customSource == null || customSource.isBlank()) {
        throw new KlaviyoValidationException("customSource", "must not be null or blank");
      }
      this.customSource = customSource;
      return this;
    }

    /**
     * Whether the subscriptions are a historical import ({@code historical_import}). When true, every profile
     * needs {@link ProfileSubscription#consentedAt}; when not, none may have it (Klaviyo's rule).
     *
     * @param historicalImport true to import past consent without sending confirmation messages
     * @return this builder
     */
    public Builder historicalImport(boolean historicalImport) {
      this.historicalImport = historicalImport;
      return this;
    }

    /**
     * How the jobs are sent.
     *
     * @param bulk how the jobs are sent
     * @return this builder
     */
    public Builder bulk(BulkOptions bulk) {
      if (bulk == null) throw new KlaviyoValidationException("bulk", "is required; use BulkOptions.defaults()");
      this.bulk = bulk;
      return this;
    }

    /** {@return the options} */
    public SubscriptionOptions build() {
      return new SubscriptionOptions(this);
    }
  }
}
