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

  public static Builder builder() {
    return new Builder();
  }

  public ObjectType objectType() {
    return objectType;
  }

  /** The attribute polled on, e.g. {@code updated}; one of {@link ObjectType#timestampFields()}. */
  public String timestampField() {
    return timestampField;
  }

  public EmitMode emitMode() {
    return emitMode;
  }

  /**
   * The {@code page[size]} sent, 1 to the endpoint's maximum. Endpoints without {@code page[size]}
   * ignore it and use their fixed size.
   */
  public int pageSize() {
    return pageSize;
  }

  /** Objects whose timestamp is at or after this instant are polled (inclusive). */
  public Instant startTime() {
    return startTime;
  }

  /** Objects whose timestamp is at or after this instant are not polled (exclusive); may be null. */
  public Instant endTime() {
    return endTime;
  }

  /** How far the upper bound of each poll trails the current time. */
  public Duration lag() {
    return lag;
  }

  /** The campaign channel; non-null exactly when {@link #objectType()} is campaigns. */
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

  /** Parses an ISO-8601 instant with an offset, e.g. {@code 2024-11-21T10:00:00Z}. */
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

    /** Required: a name from {@link ObjectType}, e.g. {@code profiles}. */
    public Builder objectType(String objectType) {
      this.objectType = objectType;
      return this;
    }

    public Builder objectType(ObjectType objectType) {
      this.objectType = objectType == null ? null : objectType.configName();
      return this;
    }

    /** Required: the timestamp attribute to poll on, e.g. {@code updated}. */
    public Builder timestampField(String timestampField) {
      this.timestampField = timestampField;
      return this;
    }

    /** Defaults to {@link EmitMode#INDIVIDUALLY}. */
    public Builder emitMode(EmitMode emitMode) {
      this.emitMode = Objects.requireNonNull(emitMode, "emitMode");
      return this;
    }

    /** 1 to 100 (flows: 50); defaults to the endpoint's maximum. */
    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /** Inclusive, not before 1970; defaults to {@link #DEFAULT_START}. */
    public Builder startTime(Instant startTime) {
      this.startTime = Objects.requireNonNull(startTime, "startTime");
      return this;
    }

    /** Exclusive; null (the default) polls without an end. */
    public Builder endTime(Instant endTime) {
      this.endTime = endTime;
      return this;
    }

    /** Zero or more; defaults to {@link #DEFAULT_LAG}. */
    public Builder lag(Duration lag) {
      this.lag = Objects.requireNonNull(lag, "lag");
      return this;
    }

    /** Required for campaigns ({@code email} or {@code sms}); rejected for other types. */
    public Builder channel(String channel) {
      this.channel = channel;
      return this;
    }

    public Builder channel(CampaignChannel channel) {
      this.channel = channel == null ? null : channel.wireName();
      return this;
    }

    /** Validates every rule and returns the configuration. */
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
