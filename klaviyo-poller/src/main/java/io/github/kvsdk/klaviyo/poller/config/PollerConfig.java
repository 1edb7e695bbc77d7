package io.github.kvsdk.klaviyo.poller.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * What to poll and how: an immutable, validated configuration. Every rule is checked by {@link
 * Builder#build()}, before anything is sent, and a broken rule throws {@link
 * InvalidConfigurationException} naming the setting.
 */
public final class PollerConfig {
  /** The default start time: the beginning of time, 1970-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.EPOCH;
  /** The default distance the upper bound trails now; covers late-visible writes and clock skew. */
  public static final Duration DEFAULT_LAG = Duration.ofSeconds(30);
  /** The largest page size any Klaviyo list endpoint accepts. */
  public static final int MAX_PAGE_SIZE = 100;

  private final ObjectType objectType;
  private final String timestampField;
  private final EmitMode emitMode;
  private final int pageSize;
  private final Instant startTime;
  private final Instant endTime;
  private final Duration lag;
  private final CampaignChannel channel;

  private PollerConfig(Builder builder, ObjectType objectType, int pageSize, Instant start,
      Instant end, CampaignChannel channel) {
    this.objectType = objectType;
    this.timestampField = builder.timestampField;
    this.emitMode = builder.emitMode;
    this.pageSize = pageSize;
    this.startTime = start;
    this.endTime = end;
    this.lag = builder.lag;
    this.channel = channel;
  }

  /** {@return a builder with the defaults: emit individually, the endpoint's largest page, from 1970, 30 s lag} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the object type polled} */
  public ObjectType objectType() {
    return objectType;
  }

  /** {@return the attribute polled on, e.g. {@code updated}; one of {@link ObjectType#timestampFields()}} */
  public String timestampField() {
    return timestampField;
  }

  /** {@return whether the consumer gets one message per object or one per page} */
  public EmitMode emitMode() {
    return emitMode;
  }

  /**
   * {@return the {@code page[size]} sent, 1 to the endpoint's maximum} Endpoints without {@code page[size]}
   * ignore it and use their fixed size.
   */
  public int pageSize() {
    return pageSize;
  }

  /** {@return the start of the time range: objects whose timestamp is at or after it are polled} */
  public Instant startTime() {
    return startTime;
  }

  /**
   * {@return the end of the time range, or null for none: objects whose timestamp is at or after it are not
   * polled}
   */
  public Instant endTime() {
    return endTime;
  }

  /** {@return how far the upper bound of each poll trails the current time} */
  public Duration lag() {
    return lag;
  }

  /** {@return the campaign channel; non-null exactly when {@link #objectType()} is campaigns} */
  public CampaignChannel channel() {
    return channel;
  }

  @Override
  public String toString() {
    return "PollerConfig{objectType=" + objectType.configName()
        + ", timestampField=" + timestampField
        + ", emit=" + emitMode.configName()
        + ", pageSize=" + pageSize
        + ", start=" + startTime
        + (endTime != null ? ", end=" + endTime : "")
        + ", lag=" + lag
        + (channel != null ? ", channel=" + channel.wireName() : "")
        + "}";
  }

  /**
   * Parses an ISO-8601 instant with an offset, e.g. {@code 2024-11-21T10:00:00Z}.
   *
   * @param field the setting the value came from, named in the error
   * @param value the text to parse; surrounding blanks are ignored
   * @return the instant
   * @throws InvalidConfigurationException naming {@code field} if the value is empty or not such an instant
   */
  public static Instant parseInstant(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidConfigurationException(field, "must be an ISO-8601 date-time, was empty");
    }
    try {
      return OffsetDateTime.parse(value.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      throw new InvalidConfigurationException(field,
          "must be an ISO-8601 date-time with an offset such as 2024-11-21T10:00:00Z, was '"
              + value + "'");
    }
  }

  /** Collects the settings of a {@link PollerConfig}; not thread-safe. */
  public static final class Builder {
    private String objectType;
    private String timestampField;
    private EmitMode emitMode = EmitMode.INDIVIDUALLY;
    private Integer pageSize;
    private Instant startTime = DEFAULT_START;
    private Instant endTime;
    private Duration lag = DEFAULT_LAG;
    private String channel;

    private Builder() {}

    /**
     * Required: the object type to poll.
     *
     * @param objectType a name from {@link ObjectType}, e.g. {@code profiles} (checked by {@link #build()})
     * @return this builder
     */
    public Builder objectType(String objectType) {
      this.objectType = objectType;
      return this;
    }

    /**
     * Required: the object type to poll.
     *
     * @param objectType the object type
     * @return this builder
     */
    public Builder objectType(ObjectType objectType) {
      this.objectType = objectType == null ? null : objectType.configName();
      return this;
    }

    /**
     * Required: the timestamp attribute to poll on.
     *
     * @param timestampField one of the type's {@link ObjectType#timestampFields()}, e.g. {@code updated}
     * @return this builder
     */
    public Builder timestampField(String timestampField) {
      this.timestampField = timestampField;
      return this;
    }

    /**
     * Sets whether the consumer gets one message per object or one per page; defaults to {@link
     * EmitMode#INDIVIDUALLY}.
     *
     * @param emitMode the mode
     * @return this builder
     */
    public Builder emitMode(EmitMode emitMode) {
      this.emitMode = Objects.requireNonNull(emitMode, "emitMode");
      return this;
    }

    /**
     * Sets the {@code page[size]} sent; defaults to the endpoint's maximum.
     *
     * @param pageSize 1 to 100 (flows: 50), checked by {@link #build()}
     * @return this builder
     */
    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Sets the start of the time range (inclusive); defaults to {@link #DEFAULT_START}. A checkpoint, once
     * saved, takes precedence.
     *
     * @param startTime an instant not before 1970
     * @return this builder
     */
    public Builder startTime(Instant startTime) {
      this.startTime = Objects.requireNonNull(startTime, "startTime");
      return this;
    }

    /**
     * Sets the end of the time range (exclusive).
     *
     * @param endTime the end, or null (the default) to poll without an end
     * @return this builder
     */
    public Builder endTime(Instant endTime) {
      this.endTime = endTime;
      return this;
    }

    /**
     * Sets how far each poll's upper bound trails now; defaults to {@link #DEFAULT_LAG}.
     *
     * @param lag zero or more
     * @return this builder
     */
    public Builder lag(Duration lag) {
      this.lag = Objects.requireNonNull(lag, "lag");
      return this;
    }

    /**
     * Sets the campaign channel: required for campaigns, rejected for other types.
     *
     * @param channel {@code email} or {@code sms}
     * @return this builder
     */
    public Builder channel(String channel) {
      this.channel = channel;
      return this;
    }

    /**
     * Sets the campaign channel: required for campaigns, rejected for other types.
     *
     * @param channel the channel
     * @return this builder
     */
    public Builder channel(CampaignChannel channel) {
      this.channel = channel == null ? null : channel.wireName();
      return this;
    }

    /**
     * Validates every rule and returns the configuration.
     *
     * @return the configuration
     * @throws InvalidConfigurationException naming the first setting that breaks a rule
     */
    public PollerConfig build() {
      if (objectType == null) {
        throw new InvalidConfigurationException("object-type",
            "is required; one of " + ObjectType.names());
      }
      ObjectType type = ObjectType.parse(objectType);
      if (timestampField == null || timestampField.isBlank()) {
        throw new InvalidConfigurationException("timestamp-field",
            "is required; for " + type.configName() + " one of " + type.timestampFields());
      }
      if (!type.timestampFields().contains(timestampField)) {
        throw new InvalidConfigurationException("timestamp-field",
            "must be one of " + type.timestampFields() + " for " + type.configName()
                + ", was '" + timestampField + "'");
      }
      int size;
      if (pageSize == null) {
        size = type.supportsPageSize() ? type.maxPageSize() : MAX_PAGE_SIZE;
      } else {
        size = pageSize;
        if (size < 1 || size > MAX_PAGE_SIZE) {
          throw new InvalidConfigurationException("page-size",
              "must be between 1 and " + MAX_PAGE_SIZE + ", was " + size);
        }
        if (type.supportsPageSize() && size > type.maxPageSize()) {
          throw new InvalidConfigurationException("page-size",
              "must be at most " + type.maxPageSize() + " for " + type.configName()
                  + ", was " + size);
        }
      }
      if (startTime.isBefore(DEFAULT_START)) {
        throw new InvalidConfigurationException("start-time",
            "must not be before 1970-01-01T00:00:00Z, was " + startTime);
      }
      if (endTime != null && !endTime.isAfter(startTime)) {
        throw new InvalidConfigurationException("end-time",
            "must be after start-time " + startTime + ", was " + endTime);
      }
      if (lag.isNegative()) {
        throw new InvalidConfigurationException("lag", "must not be negative, was " + lag);
      }
      CampaignChannel parsedChannel = null;
      if (type.requiresChannel()) {
        if (channel == null) {
          throw new InvalidConfigurationException("channel",
              "is required for campaigns: 'email' or 'sms'");
        }
        parsedChannel = CampaignChannel.parse(channel);
      } else if (channel != null) {
        throw new InvalidConfigurationException("channel",
            "applies only to campaigns, not to " + type.configName());
      }
      return new PollerConfig(this, type, size, startTime, endTime, parsedChannel);
    }
  }
}
