package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An event to create with Create Event or Bulk Create Events: the metric name, the profile it happened to
 * (by its identifiers, by its Klaviyo id, or both), its properties, and optionally when it happened, a
 * monetary value with currency and a unique id.
 *
 * <p>As with {@link ProfileAttributes}, an optional setter that is never called sends nothing and one called
 * with {@code null} sends {@code null}. The value is sent with every digit of its {@link BigDecimal}.
 */
public final class NewEvent {
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private final String metricName;
  private final ProfileAttributes profile;
  private final String profileId;
  private final Map<String, Object> properties;
  private final Map<String, Object> optional;

  private NewEvent(Builder b) {
    if (b.metricName == null || b.metricName.isBlank()) {
      throw new KlaviyoValidationException("metricName", "is required (the event name)");
    }
    if (b.profileId != null && b.profileId.isBlank()) {
      throw new KlaviyoValidationException("profileId", "must not be blank");
    }
    if (b.profileId == null && (b.profile == null || !b.profile.hasIdentifier())) {
      throw new KlaviyoValidationException("profile",
          "needs a profile id, or an email, a phone number or an external id");
    }
    Object currency = b.optional.get("value_currency");
    if (currency != null && !CURRENCY.matcher((String) currency).matches()) {
      throw new KlaviyoValidationException("valueCurrency", "must be an ISO 4217 code such as USD");
    }
    this.metricName = b.metricName;
    this.profile = b.profile == null ? ProfileAttributes.builder().build() : b.profile;
    this.profileId = b.profileId;
    this.properties = new LinkedHashMap<>(b.properties == null ? Map.of() : b.properties);
    this.optional = new LinkedHashMap<>(b.optional);
  }

  /** {@return a builder with nothing set} */
  public static Builder builder() {
    return new Builder();
  }

  /** The event's attributes without its profile, as in a bulk job's {@code events} list. */
  Map<String, Object> eventAttributes() {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("properties", properties);
    attributes.putAll(optional);
    attributes.put("metric", Map.of("data", Map.of("type", "metric", "attributes", Map.of("name", metricName))));
    return attributes;
  }

  /** The attributes of a single {@code create_event} request, profile included. */
  Map<String, Object> createAttributes() {
    Map<String, Object> attributes = eventAttributes();
    Map<String, Object> profileAttributes = new LinkedHashMap<>(profile.toAttributes());
    if (!profile.toMeta().isEmpty()) profileAttributes.put("meta", profile.toMeta()); // Create Event's place for it
    attributes.put("profile", Map.of("data", profileResource(profileAttributes, false)));
    return attributes;
  }

  /** The profile resource of a bulk job entry, which carries patch operations beside its attributes. */
  Map<String, Object> bulkProfileResource() {
    return profileResource(profile.toAttributes(), true);
  }

  private Map<String, Object> profileResource(Map<String, Object> attributes, boolean metaBeside) {
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("type", "profile");
    if (profileId != null) resource.put("id", profileId);
    resource.put("attributes", attributes);
    if (metaBeside && !profile.toMeta().isEmpty()) resource.put("meta", profile.toMeta());
    return resource;
  }

  @Override
  public String toString() {
    return "NewEvent{metric=" + metricName + ", profile=" + (profileId != null ? "id" : "") + profile + "}";
  }

  /** Builds a {@link NewEvent}; a metric name and a profile are required. Not thread-safe. */
  public static final class Builder {
    private String metricName;
    private ProfileAttributes profile;
    private String profileId;
    private Map<String, Object> properties;
    private final Map<String, Object> optional = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Name of the event, such as {@code Placed Order}.
     *
     * @param metricName the name of the metric the event belongs to, such as {@code Placed Order}
     * @return this builder
     */
    public Builder metricName(String metricName) {
      this.metricName = metricName;
      return this;
    }

    /**
     * The profile associated with the event, by its identifiers and attributes.
     *
     * @param profile the profile the event happened to
     * @return this builder
     */
    public Builder profile(ProfileAttributes profile) {
      this.profile = profile;
      return this;
    }

    /**
     * The Klaviyo id of an existing profile the event happened to (the profile resource's {@code id}); with
     * it, {@link #profile} is optional and, when given, updates that profile's attributes.
     *
     * @param profileId the profile's id
     * @return this builder
     */
    public Builder profileId(String profileId) {
      this.profileId = profileId;
      return this;
    }

    /**
     * The properties of the event.
     *
     * @param properties the event's custom properties, by name
     * @return this builder
     */
    public Builder properties(Map<String, ?> properties) {
      this.properties = properties == null ? null : new LinkedHashMap<>(properties);
      return this;
    }

    /**
     * When the event occurred; by default, when the request is received. Klaviyo keeps whole seconds, so the
     * time is sent truncated to the second.
     *
     * @param time when the event happened; default now
     * @return this builder
     */
    public Builder time(Instant time) {
      optional.put("time", time == null ? null
          : DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS)));
      return this;
    }

    /**
     * A monetary value to associate with the event, sent with every digit.
     *
     * @param value the monetary value of the event
     * @return this builder
     */
    public Builder value(BigDecimal value) {
      optional.put("value", value);
      return this;
    }

    /**
     * The ISO 4217 currency code of {@link #value}.
     *
     * @param valueCurrency the ISO 4217 currency of the value, such as {@code USD}
     * @return this builder
     */
    public Builder valueCurrency(String valueCurrency) {
      optional.put("value_currency", valueCurrency);
      return this;
    }

    /**
     * A unique identifier for the event, used to deduplicate.
     *
     * @param uniqueId a key that makes the event unique, so a retried create does not duplicate it
     * @return this builder
     */
    public Builder uniqueId(String uniqueId) {
      optional.put("unique_id", uniqueId);
      return this;
    }

    /**
     * Builds the event.
     *
     * @return the event
     * @throws io.github.kvsdk.klaviyo.errors.KlaviyoValidationException if the metric name or the profile is missing
     */
    public NewEvent build() {
      return new NewEvent(this);
    }
  }
}
