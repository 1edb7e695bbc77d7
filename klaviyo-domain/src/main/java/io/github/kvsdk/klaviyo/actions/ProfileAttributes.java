package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The inputs of Create Profile and Update Profile: identifiers, names, locale, image, location, custom
 * properties and, for Update Profile, patch operations on existing properties.
 *
 * <p><b>Set, cleared or left alone.</b> A setter that is never called sends nothing, so an update leaves
 * that field as it is. A setter called with {@code null} sends an explicit JSON {@code null}, which clears
 * the field on Klaviyo (the spec marks every profile attribute nullable). The same holds inside {@link
 * Builder#location location}: a key mapped to {@code null} clears that part of the location, a key left
 * out is unchanged.
 *
 * <pre>{@code
 * ProfileAttributes ada = ProfileAttributes.builder()
 *     .email("ada@example.com").firstName("Ada").location(Map.of("city", "London"))
 *     .properties(Map.of("plan", "pro")).build();
 * }</pre>
 */
public final class ProfileAttributes {
  private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");
  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
  private static final Set<String> LOCATION_KEYS = Set.of(
      "address1", "address2", "city", "country", "latitude", "longitude", "region", "zip", "timezone", "ip");

  private final Map<String, Object> attributes;
  private final Map<String, Object> patchProperties;

  private ProfileAttributes(Builder builder) {
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(builder.attributes));
    this.patchProperties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.patchProperties));
  }

  /** {@return a builder with nothing set} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the JSON:API attributes to send, with Klaviyo's names ({@code phone_number}, {@code first_name}...)} */
  public Map<String, Object> toAttributes() {
    return attributes;
  }

  /**
   * {@return the {@code meta} member of an Update Profile request ({@code patch_properties}), or an empty map when no
   * patch operation was set}
   */
  public Map<String, Object> toMeta() {
    return patchProperties.isEmpty() ? Map.of() : Map.of("patch_properties", patchProperties);
  }

  /** {@return true if an email, phone number or external id is set to a value: Klaviyo needs one to create a profile} */
  public boolean hasIdentifier() {
    return attributes.get("email") != null || attributes.get("phone_number") != null
        || attributes.get("external_id") != null;
  }

  /** Lists the attribute names set, never their values (they are personal data). */
  @Override
  public String toString() {
    return "ProfileAttributes" + attributes.keySet() + (patchProperties.isEmpty() ? "" : "+patch" + patchProperties.keySet());
  }

  /**
   * Collects profile attributes; each setter validates its value. Calling a setter with {@code null} sends
   * {@code null} (clears the field); not calling it sends nothing.
   */
  public static final class Builder {
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final Map<String, Object> patchProperties = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Individual's email address.
     *
     * @param email the email address
     * @return this builder
     */
    public Builder email(String email) {
      if (email != null && (email.isBlank() || email.indexOf('@') < 1 || email.endsWith("@"))) {
        throw new KlaviyoValidationException("email", "must be an email address such as name@example.com");
      }
      return put("email", email);
    }

    /**
     * Individual's phone number in E.164 format, such as {@code +15005550006}.
     *
     * @param phoneNumber the phone number in E.164 form, such as {@code +15005550006}
     * @return this builder
     */
    public Builder phoneNumber(String phoneNumber) {
      if (phoneNumber != null && !E164.matcher(phoneNumber).matches()) {
        throw new KlaviyoValidationException("phoneNumber", "must be in E.164 format: + and up to 15 digits");
      }
      return put("phone_number", phoneNumber);
    }

    /**
     * An identifier that links the profile to a profile in an external system.
     *
     * @param externalId the profile's id in the caller's system
     * @return this builder
     */
    public Builder externalId(String externalId) {
      return put("external_id", externalId);
    }

    /**
     * Sets the person's first name.
     *
     * @param firstName the first name; null leaves it out
     * @return this builder
     */
    public Builder firstName(String firstName) {
      return put("first_name", firstName);
    }

    /**
     * Sets the person's last name.
     *
     * @param lastName the last name; null leaves it out
     * @return this builder
     */
    public Builder lastName(String lastName) {
      return put("last_name", lastName);
    }

    /**
     * Name of the company or organization the individual works for.
     *
     * @param organization the person's company
     * @return this builder
     */
    public Builder organization(String organization) {
      return put("organization", organization);
    }

    /**
     * The profile's locale as an IETF BCP 47 language tag, such as {@code en-US}.
     *
     * @param locale the person's locale, such as {@code en-US}
     * @return this builder
     */
    public Builder locale(String locale) {
      if (locale != null && !LOCALE.matcher(locale).matches()) {
        throw new KlaviyoValidationException("locale", "must be an IETF BCP 47 language tag such as en-US");
      }
      return put("locale", locale);
    }

    /**
     * An anonymous identifier of the profile. Update Profile only: Create Profile does not take it.
     *
     * @param anonymousId an id for a visitor not yet identified
     * @return this builder
     */
    public Builder anonymousId(String anonymousId) {
      return put("anonymous_id", anonymousId);
    }

    /**
     * Individual's job title.
     *
     * @param title the person's job title
     * @return this builder
     */
    public Builder title(String title) {
      return put("title", title);
    }

    /**
     * URL pointing to the location of a profile image.
     *
     * @param imageUrl the URL of the person's image
     * @return this builder
     */
    public Builder image(String imageUrl) {
      return put("image", imageUrl);
    }

    /**
     * Location information: any of {@code address1}, {@code address2}, {@code city}, {@code country},
     * {@code latitude}, {@code longitude}, {@code region}, {@code zip}, {@code timezone}, {@code ip}. A key
     * mapped to {@code null} (use a {@code HashMap}) clears that part; {@code location(null)} clears it all.
     *
     * @param location the person's location
     * @return this builder
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

    /**
     * Custom properties assigned to the profile; on update, the keys given replace those keys' values.
     *
     * @param properties custom properties to set, by name
     * @return this builder
     */
    public Builder properties(Map<String, ?> properties) {
      return put("properties", properties == null ? null : new LinkedHashMap<>(properties));
    }

    /**
     * Update Profile only: appends a value or values to these array properties ({@code meta.patch_properties.append}),
     * such as {@code Map.of("skus", "92538")}.
     *
     * @param values values to add to list properties, by property name
     * @return this builder
     */
    public Builder appendProperties(Map<String, ?> values) {
      return patch("append", requirePatch("appendProperties", values));
    }

    /**
     * Update Profile only: removes a value or values from these array properties ({@code unappend}).
     *
     * @param values values to add to list properties, by property name
     * @return this builder
     */
    public Builder unappendProperties(Map<String, ?> values) {
      return patch("unappend", requirePatch("unappendProperties", values));
    }

    /**
     * Update Profile only: removes these properties, keys and values, from the profile ({@code unset}).
     *
     * @param keys the names of the custom properties to remove
     * @return this builder
     */
    public Builder unsetProperties(String... keys) {
      if (keys == null || keys.length == 0) {
        throw new KlaviyoValidationException("unsetProperties", "needs at least one property name");
      }
      for (String key : keys) {
        if (key == null || key.isBlank()) {
          throw new KlaviyoValidationException("unsetProperties", "property names must not be null or blank");
        }
      }
      return patch("unset", keys.length == 1 ? keys[0] : java.util.List.of(keys));
    }

    /** {@return the attributes} */
    public ProfileAttributes build() {
      return new ProfileAttributes(this);
    }

    private Builder put(String name, Object value) {
      attributes.put(name, value);
      return this;
    }

    private Builder patch(String operation, Object value) {
      patchProperties.put(operation, value);
      return this;
    }

    private static Map<String, Object> requirePatch(String field, Map<String, ?> values) {
      if (values == null || values.isEmpty()) {
        throw new KlaviyoValidationException(field, "needs at least one property");
      }
      return new LinkedHashMap<>(values);
    }
  }
}
