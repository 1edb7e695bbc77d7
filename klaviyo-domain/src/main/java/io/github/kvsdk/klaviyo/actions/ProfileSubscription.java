package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One profile of Subscribe Profiles or Unsubscribe Profiles: an email address for email marketing, a
 * phone number for SMS marketing, or both.
 */
public final class ProfileSubscription {
  private final String email;
  private final String phoneNumber;

  private ProfileSubscription(String email, String phoneNumber) {
    if (email == null && phoneNumber == null) {
      throw new KlaviyoValidationException("profiles", "each profile needs an email or a phone number");
    }
    if (email != null) ProfileAttributes.builder().email(email);
    if (phoneNumber != null) ProfileAttributes.builder().phoneNumber(phoneNumber);
    this.email = email;
    this.phoneNumber = phoneNumber;
  }

  /** Email marketing for {@code email}. */
  public static ProfileSubscription email(String email) {
    return new ProfileSubscription(email, null);
  }

  /** SMS marketing for {@code phoneNumber}, in E.164 format. */
  public static ProfileSubscription sms(String phoneNumber) {
    return new ProfileSubscription(null, phoneNumber);
  }

  /** Email marketing for {@code email} and SMS marketing for {@code phoneNumber}. */
  public static ProfileSubscription emailAndSms(String email, String phoneNumber) {
    return new ProfileSubscription(email, phoneNumber);
  }

  /** The profile resource of a subscription job, with every channel set to {@code consent}. */
  Map<String, Object> toResource(String consent) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    Map<String, Object> subscriptions = new LinkedHashMap<>();
    if (email != null) {
      attributes.put("email", email);
      subscriptions.put("email", Map.of("marketing", Map.of("consent", consent)));
    }
    if (phoneNumber != null) {
      attributes.put("phone_number", phoneNumber);
      subscriptions.put("sms", Map.of("marketing", Map.of("consent", consent)));
    }
    attributes.put("subscriptions", subscriptions);
    return Map.of("type", "profile", "attributes", attributes);
  }

  /** Names the channels only; addresses are personal data. */
  @Override
  public String toString() {
    return "ProfileSubscription{" + (email != null ? "email" : "") + (email != null && phoneNumber != null ? "," : "")
        + (phoneNumber != null ? "sms" : "") + "}";
  }
}
