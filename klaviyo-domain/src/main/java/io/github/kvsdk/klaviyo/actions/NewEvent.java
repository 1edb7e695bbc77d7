package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An event to create with Create Event or Bulk Create Events: the metric name, the profile it happened to,
 * its properties, and optionally when it happened, a monetary value with currency and a unique id.
 */
public final class NewEvent {
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private final String metricName;
  private final ProfileAttributes profile;
  private final Map<String, Object> properties;
  private final Instant time;
  private final BigDecimal value;
  private final String valueCurrency;
  private final String uniqueId;

  private NewEvent(Builder b) {
    if (b.metricName == null || b.metricName.isBlank()) {
      throw new KlaviyoValidationException("metricName", "is required (the event name)");
    }
    if (b.profile == null || !b.profile.hasIdentifier()) {
      throw new KlaviyoValidationException("profile", "needs an email, a phone number or an external id");
    }
    if (b.valueCurrency != null && !CURRENCY.matcher(b.valueCurrency).matches()) {
      throw new KlaviyoValidationException("valueCurrency", "must be an ISO 4217 code such as USD");
    }
    this.metricName = b.metricName;
    this.profile = b.profile;
    this.properties = new LinkedHashMap<>(b.properties == null ? Map.of() : b.properties);
    this.time = b.time;
    this.value = b.value;
    this.valueCurrency = b.valueCurrency;
    this.uniqueId = b.uniqueId;
  }

  public static Builder builder() {
    return new Builder();
  }

  ProfileAttributes profile() {
    return profile;
  }

  /** The event's attributes without its profile, as in a bulk job's {@code events} list. */
  Map<String, Object> eventAttributes() {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("properties", properties);
    if (time != null) attributes.put("time", DateTimeFormatter.ISO_INSTANT.format(time));
    if (value != null) attributes.put("value", value.doubleValue());
    if (valueCurrency != null) attributes.put("value_currency", valueCurrency);
    if (uniqueId != null) attributes.put("unique_id", uniqueId);
    attributes.put("metric", Map.of("data", Map.of("type", "metric", "attributes", Map.of("name", metricName))));
    return attributes;
  }

  /** The attributes of a single {@code create_event} request, profile included. */
  Map<String, Object> createAttributes() {
    Map<String, Object> attributes = eventAttributes();
    attributes.put("profile", profileRelationship());
    return attributes;
  }

  Map<String, Object> profileRelationship() {
    return Map.of("data", Map.of("type", "profile", "attributes", profile.toAttributes()));
  }

  @Override
  public String toString() {
    return "NewEvent{metric=" + metricName + ", profile=" + profile + "}";
  }

  public static final class Builder {
    private String metricName;
    private ProfileAttributes profile;
    private Map<String, Object> properties;
    private Instant time;
    private BigDecimal value;
    private String valueCurrency;
    private String uniqueId;

    private Builder() {}

    /** Name of the event, such as {@code Placed Order}. */
    public Builder metricName(String metricName) {
      this.metricName = metricName;
      return this;
    }

    /** The profile associated with the event; it needs an identifier. */
    public Builder profile(ProfileAttributes profile) {
      this.profile = profile;
      return this;
    }

    /** The properties of the event. */
    public Builder properties(Map<String, ?> properties) {
      this.properties = properties == null ? null : new LinkedHashMap<>(properties);
      return this;
    }

    /** When the event occurred; by default, when the request is received. */
    public Builder time(Instant time) {
      this.time = time;
      return this;
    }

    /** A monetary value to associate with the event. */
    public Builder value(BigDecimal value) {
      this.value = value;
      return this;
    }

    /** The ISO 4217 currency code of {@link #value}. */
    public Builder valueCurrency(String valueCurrency) {
      this.valueCurrency = valueCurrency;
      return this;
    }

    /** A unique identifier for the event, used to deduplicate. */
    public Builder uniqueId(String uniqueId) {
      this.uniqueId = uniqueId;
      return this;
    }

    public NewEvent build() {
      return new NewEvent(this);
    }
  }
}
