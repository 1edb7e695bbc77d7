package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The inputs of Create Profile and Update Profile: identifiers, names, image, location and custom
 * properties. Only the values set are sent, so an update changes only those.
 *
 * <pre>{@code
 * ProfileAttributes ada = ProfileAttributes.builder()
 *     .email("ada@example.com").firstName("Ada").location(Map.of("city", "London"))
 *     .properties(Map.of("plan", "pro")).build();
 * }</pre>
 */
public final class ProfileAttributes {
  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
  private static final Set<String> LOCATION_KEYS = Set.of(
      "address1", "address2", "city", "country", "latitude", "longitude", "region", "zip", "timezone", "ip");

  private final Map<String, Object> attributes;

  private ProfileAttributes(Map<String, Object> attributes) {
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The JSON:API attributes to send, with Klaviyo's names ({@code phone_number}, {@code first_name}...). */
  public Map<String, Object> toAttributes() {
    return attributes;
  }

  /** True if an email, phone number or external id is set: Klaviyo needs one to create a profile. */
  public boolean hasIdentifier() {
    return attributes.containsKey("email") || attributes.containsKey("phone_number")
        || attributes.containsKey("external_id");
  }

  /** Lists the attribute names set, never their values (they are personal data). */
  @Override
  public String toString() {
    return "ProfileAttributes" + attributes.keySet();
  }

  /** Collects profile attributes; each setter validates its value. */
  public static final class Builder {
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    private Builder() {}

    /** Individual's email address. */
    public Builder email(String email) {
      if (email != null && (email.isBlank() || email.indexOf('@') < 1 || email.endsWith("@"))) {
        throw new KlaviyoValidationException("email", "must be an email address such as name@example.com");
      }
      return put("email", email);
    }

    /** Individual's phone number in E.164 format, such as {@code +15005550006}. */
    public Builder phoneNumber(String phoneNumber) {
      if (phoneNumber != null && !E164.matcher(phoneNumber).matches()) {
        throw new KlaviyoValidationException("phoneNumber", "must be in E.164 format: + and up to 15 digits");
      }
      return put("phone_number", phoneNumber);
    }

    /** An identifier that links the profile to a profile in an external system. */
    public Builder externalId(String externalId) {
      return put("external_id", externalId);
    }

    public Builder firstName(String firstName) {
      return put("first_name", firstName);
    }

    public Builder lastName(String lastName) {
      return put("last_name", lastName);
    }

    /** Name of the company or organization the individual works for. */
    public Builder organization(String organization) {
      return put("organization", organization);
    }

    /** Individual's job title. */
    public Builder title(String title) {
      return put("title", title);
    }

    /** URL pointing to the location of a profile image. */
    public Builder image(String imageUrl) {
      return put("image", imageUrl);
    }

    /**
     * Location information: any of {@code address1}, {@code address2}, {@code city}, {@code country},
     * {@code latitude}, {@code longitude}, {@code region}, {@code zip}, {@code timezone}, {@code ip}.
     */
    public Builder location(Map<String, ?> location) {
      if (location != null) {
        for (String key : location.keySet()) {
          if (!LOCATION_KEYS.contains(key)) {
            throw new KlaviyoValidationException("location." + key,
                "is not a location field; allowed: " + new java.util.TreeSet<>(LOCATION_KEYS));
          }
        }
        location = new LinkedHashMap<>(location);
      }
      return put("location", location);
    }

    /** Custom properties assigned to the profile. */
    public Builder properties(Map<String, ?> properties) {
      return put("properties", properties == null ? null : new LinkedHashMap<>(properties));
    }

    public ProfileAttributes build() {
      return new ProfileAttributes(attributes);
    }

    private Builder put(String name, Object value) {
      if (value == null) {
        attributes.remove(name);
      } else {
        attributes.put(name, value);
      }
      return this;
    }
  }
}
