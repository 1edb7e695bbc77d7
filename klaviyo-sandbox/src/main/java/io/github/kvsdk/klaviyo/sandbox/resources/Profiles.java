package io.github.kvsdk.klaviyo.sandbox.resources;

import io.github.kvsdk.klaviyo.sandbox.internal.http.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Profile attribute rules shared by the profile, subscription and event endpoints and by seeding. */
final class Profiles {
  static final Set<String> WRITABLE = Set.of("email", "phone_number", "external_id", "anonymous_id", "first_name",
      "last_name", "organization", "locale", "title", "image", "location", "properties");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{6,14}$");
  private static final String[] LOCATION = {"address1", "address2", "city", "country", "latitude", "longitude",
      "region", "zip", "timezone", "ip"};

  private Profiles() {}

  /**
   * {@return a complete attribute map for a new profile: every documented attribute present, nulls where unset}
   *
   * @param given the attributes the request set
   * @param now the time stamped as {@code created} and {@code updated}
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> newAttributes(Map<String, Object> given, Instant now) {
    Map<String, Object> a = new LinkedHashMap<>();
    for (String name : new String[] {"email", "phone_number", "external_id", "first_name", "last_name",
        "organization", "locale", "title", "image"}) {
      a.put(name, given.get(name));
    }
    a.put("created", now);
    a.put("updated", now);
    a.put("last_event_date", null);
    Map<String, Object> location = new LinkedHashMap<>();
    for (String f : LOCATION) {
      location.put(f, null);
    }
    if (given.get("location") instanceof Map<?, ?> loc) {
      location.putAll((Map<String, Object>) loc);
    }
    a.put("location", location);
    a.put("properties", given.get("properties") instanceof Map<?, ?> p ? new LinkedHashMap<>((Map<String, Object>) p)
        : new LinkedHashMap<>());
    a.put("subscriptions", subscriptions(null, null, null));
    a.put("predictive_analytics", predictiveAnalytics());
    if (given.get("anonymous_id") != null) {
      a.put("$anonymous_id", given.get("anonymous_id"));
    }
    return a;
  }

  /** Checks identifier formats; the pointer prefix names where the attributes sit in the body. */
  static void validate(Map<String, Object> attributes, String pointer, boolean requireIdentifier) {
    for (String name : new String[] {"email", "phone_number", "external_id", "anonymous_id", "first_name",
        "last_name", "organization", "locale", "title", "image"}) {
      Object v = attributes.get(name);
      if (v != null && !(v instanceof String)) {
        throw ApiException.invalidBody(pointer + "/" + name, "'" + name + "' must be a string.");
      }
    }
    Object email = attributes.get("email");
    if (email != null && !EMAIL.matcher(email.toString()).matches()) {
      throw ApiException.invalidBody(pointer + "/email", "Invalid email address: '" + email + "'.");
    }
    Object phone = attributes.get("phone_number");
    if (phone != null && !E164.matcher(phone.toString()).matches()) {
      throw ApiException.invalidBody(pointer + "/phone_number",
          "Invalid phone number format (Example of a valid format: +12345678901)");
    }
    Object props = attributes.get("properties");
    if (props != null && !(props instanceof Map)) {
      throw ApiException.invalidBody(pointer + "/properties", "'properties' must be an object.");
    }
    Object loc = attributes.get("location");
    if (loc != null && !(loc instanceof Map)) {
      throw ApiException.invalidBody(pointer + "/location", "'location' must be an object.");
    }
    if (requireIdentifier && email == null && phone == null && attributes.get("external_id") == null
        && attributes.get("anonymous_id") == null) {
      throw ApiException.invalidBody(pointer,
          "One of 'email', 'phone_number', 'external_id' or 'anonymous_id' is required.");
    }
  }

  /** Subscription state; null consent arguments mean NEVER_SUBSCRIBED. */
  static Map<String, Object> subscriptions(String emailConsent, String smsConsent, Instant at) {
    Map<String, Object> emailMarketing = new LinkedHashMap<>();
    emailMarketing.put("can_receive_email_marketing", "SUBSCRIBED".equals(emailConsent));
    emailMarketing.put("consent", emailConsent == null ? "NEVER_SUBSCRIBED" : emailConsent);
    emailMarketing.put("consent_timestamp", emailConsent == null ? null : at);
    emailMarketing.put("last_updated", emailConsent == null ? null : at);
    emailMarketing.put("method", emailConsent == null ? null : "API");
    emailMarketing.put("method_detail", null);
    emailMarketing.put("custom_method_detail", null);
    emailMarketing.put("double_optin", null);
    emailMarketing.put("suppression", new java.util.ArrayList<>());
    emailMarketing.put("list_suppressions", new java.util.ArrayList<>());
    Map<String, Object> smsMarketing = channel("can_receive_sms_marketing", smsConsent, at);
    Map<String, Object> smsTransactional = channel("can_receive_sms_transactional", null, at);
    Map<String, Object> push = new LinkedHashMap<>();
    push.put("can_receive_push_marketing", false);
    push.put("consent", "NEVER_SUBSCRIBED");
    push.put("consent_timestamp", null);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("email", Map.of("marketing", emailMarketing));
    Map<String, Object> sms = new LinkedHashMap<>();
    sms.put("marketing", smsMarketing);
    sms.put("transactional", smsTransactional);
    out.put("sms", sms);
    out.put("mobile_push", Map.of("marketing", push));
    return out;
  }

  private static Map<String, Object> channel(String flag, String consent, Instant at) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(flag, "SUBSCRIBED".equals(consent));
    m.put("consent", consent == null ? "NEVER_SUBSCRIBED" : consent);
    m.put("consent_timestamp", consent == null ? null : at);
    m.put("method", consent == null ? null : "API");
    m.put("method_detail", null);
    m.put("last_updated", consent == null ? null : at);
    return m;
  }

  /** A copy of {@code subscriptions} with one channel's marketing consent changed. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> withConsent(Object current, String channel, String consent, Instant at) {
    Map<String, Object> subs = current instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m)
        : subscriptions(null, null, null);
    Map<String, Object> ch = new LinkedHashMap<>((Map<String, Object>) subs.get(channel));
    Map<String, Object> marketing = new LinkedHashMap<>((Map<String, Object>) ch.get("marketing"));
    marketing.put(channel.equals("email") ? "can_receive_email_marketing" : "can_receive_sms_marketing",
        "SUBSCRIBED".equals(consent));
    marketing.put("consent", consent);
    marketing.put("consent_timestamp", at);
    marketing.put("last_updated", at);
    marketing.put("method", "API");
    ch.put("marketing", marketing);
    subs.put(channel, ch);
    return subs;
  }

  /** A copy of {@code subscriptions} with the mobile push marketing consent changed. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> withPushConsent(Object current, String consent, boolean canReceive, Instant at) {
    Map<String, Object> subs = current instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m)
        : subscriptions(null, null, null);
    Map<String, Object> push = new LinkedHashMap<>();
    push.put("can_receive_push_marketing", canReceive);
    push.put("consent", consent);
    push.put("consent_timestamp", at);
    Map<String, Object> channel = new LinkedHashMap<>();
    channel.put("marketing", push);
    subs.put("mobile_push", channel);
    return subs;
  }

  /**
   * A copy of {@code current} with a {@code USER_SUPPRESSED} entry in the email marketing {@code suppression}
   * (once) and {@code can_receive_email_marketing} false.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> withSuppression(Object current, Instant at) {
    Map<String, Object> subs = current instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m)
        : subscriptions(null, null, null);
    Map<String, Object> marketing = emailMarketing(subs);
    List<Object> suppressions = new ArrayList<>(marketing.get("suppression") instanceof List<?> l ? l : List.of());
    if (suppressions.stream().noneMatch(s -> s instanceof Map<?, ?> e && "USER_SUPPRESSED".equals(e.get("reason")))) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("reason", "USER_SUPPRESSED");
      entry.put("timestamp", at);
      suppressions.add(entry);
    }
    marketing.put("suppression", suppressions);
    marketing.put("can_receive_email_marketing", false);
    return subs;
  }

  /**
   * A copy of {@code current} without {@code USER_SUPPRESSED} entries; {@code can_receive_email_marketing}
   * is true again when the consent is {@code SUBSCRIBED} and no other suppression remains.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> withoutSuppression(Object current) {
    Map<String, Object> subs = current instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m)
        : subscriptions(null, null, null);
    Map<String, Object> marketing = emailMarketing(subs);
    List<Object> suppressions = new ArrayList<>(marketing.get("suppression") instanceof List<?> l ? l : List.of());
    suppressions.removeIf(s -> s instanceof Map<?, ?> e && "USER_SUPPRESSED".equals(e.get("reason")));
    marketing.put("suppression", suppressions);
    marketing.put("can_receive_email_marketing", suppressions.isEmpty() && "SUBSCRIBED".equals(marketing.get("consent")));
    return subs;
  }

  /** Whether a campaign can email the profile: it has an address that is neither suppressed nor unsubscribed. */
  @SuppressWarnings("unchecked")
  static boolean canReceiveEmail(Map<String, Object> profile) {
    if (profile.get("email") == null) {
      return false;
    }
    Map<String, Object> marketing = profile.get("subscriptions") instanceof Map<?, ?> subs
        ? emailMarketing((Map<String, Object>) subs) : Map.of();
    return !(marketing.get("suppression") instanceof List<?> l && !l.isEmpty())
        && !"UNSUBSCRIBED".equals(marketing.get("consent"));
  }

  /** Whether a campaign can text the profile: it has a phone number with SMS marketing consent. */
  @SuppressWarnings("unchecked")
  static boolean canReceiveSms(Map<String, Object> profile) {
    return profile.get("phone_number") != null && profile.get("subscriptions") instanceof Map<?, ?> subs
        && subs.get("sms") instanceof Map<?, ?> sms && sms.get("marketing") instanceof Map<?, ?> marketing
        && "SUBSCRIBED".equals(marketing.get("consent"));
  }

  /** The (mutable, already copied) email marketing map of a copied subscriptions map. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> emailMarketing(Map<String, Object> subs) {
    Map<String, Object> email = subs.get("email") instanceof Map<?, ?> e ? (Map<String, Object>) e : null;
    if (email == null || !(email.get("marketing") instanceof Map<?, ?>)) {
      return new LinkedHashMap<>();
    }
    return (Map<String, Object>) email.get("marketing");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> sub ? deepCopy((Map<String, Object>) sub) : v));
    return out;
  }

  private static Map<String, Object> predictiveAnalytics() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String f : new String[] {"historic_clv", "predicted_clv", "total_clv", "historic_number_of_orders",
        "predicted_number_of_orders", "average_days_between_orders", "average_order_value", "churn_probability",
        "expected_date_of_next_order"}) {
      m.put(f, null);
    }
    return m;
  }
}
