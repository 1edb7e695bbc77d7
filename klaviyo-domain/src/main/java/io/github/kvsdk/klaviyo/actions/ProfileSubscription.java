package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One profile of Subscribe Profiles or Unsubscribe Profiles: an email address for email marketing, a
 * phone number for SMS marketing, or both. For a historical import (see {@link
 * SubscriptionOptions.Builder#historicalImport}), {@link #consentedAt} records when consent was given.
 */
public final class ProfileSubscription {
  private final String email;
  private final String phoneNumber;
  private final Instant consentedAt;

  private ProfileSubscription(String email, String phoneNumber, Instant consentedAt) {
    if (email == null && phoneNumber == null) {
      throw new KlaviyoValidationException("profiles", "each profile needs an email or a phone number");
    }
    if (email != null) ProfileAttributes.builder().email(email);
    if (phoneNumber != null) ProfileAttributes.builder().phoneNumber(phoneNumber);
    this.email = email;
    this.phoneNumber = phoneNumber;
    this.consentedAt = consentedAt;
  }

  /**
   * Email marketing for {@code email}.
   *
   * @param email the email address
   * @return the subscription
   */
  public static ProfileSubscription email(String email) {
    return new ProfileSubscription(email, null, null);
  }

  /**
   * SMS marketing for {@code phoneNumber}, in E.164 format.
   *
   * @param phoneNumber the phone number in E.164 form, such as {@code +15005550006}
   * @return the subscription
   */
  public static ProfileSubscription sms(String phoneNumber) {
    return new ProfileSubscription(null, phoneNumber, null);
  }

  /**
   * Email marketing for {@code email} and SMS marketing for {@code phoneNumber}.
   *
   * @param email the email address
   * @param phoneNumber the phone number in E.164 form, such as {@code +15005550006}
   * @return the subscription
   */
  public static ProfileSubscription emailAndSms(String email, String phoneNumber) {
    return new ProfileSubscription(email, phoneNumber, null);
  }

  /**
   * This subscription with the time its consent was gathered ({@code consented_at} of each channel). Subscribe
   * Profiles only, and only in a historical import: Klaviyo refuses it otherwise.
   *
   * @param consentedAt when the person consented, for historical imports
   * @return the subscription
   */
  public ProfileSubscription consentedAt(Instant consentedAt) {
    if (consentedAt == null) throw new KlaviyoValidationException("consentedAt", "is required when given");
    return new ProfileSubscription(email, phoneNumber, consentedAt);
  }

  boolean hasConsentedAt() {
    return consentedAt != null;
  }

  /** The profile resource of a subscription job, with every channel set to {@code consent}. */
  Map<String, Object> toResource(String consent) {
    Map<String, Object> marketing = new LinkedHashMap<>();
    marketing.put("consent", consent);
    if (consentedAt != null) marketing.put("consented_at", DateTimeFormatter.ISO_INSTANT.format(consentedAt));
    Map<String, Object> attributes = new LinkedHashMap<>();
    Map<String, Object> subscriptions = new LinkedHashMap<>();
    if (email != null) {
      attributes.put("email", email);
      subscriptions.put("email", Map.of("marketing", marketing));
    }
    if (phoneNumber != null) {
      attributes.put("phone_number", phoneNumber);
      subscriptions.put("sms", Map.of("marketing", marketing));
    }
    attributes.put("subscriptions", subscriptions);
    return Map.of("type", "profile", "attributes", attributes);
  }

  /** Names the channels only; addresses are personal data. */
  @Override
  public String toString() {
    return "ProfileSubscription{" + (email != null ? "email" : "") + (email != null && phoneNumber != null ? "," : "")
        + (phoneNumber != null ? "sms" : "") + (consentedAt != null ? ", consentedAt" : "") + "}";
  }
}
