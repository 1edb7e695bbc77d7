package io.github.kvsdk.klaviyo.auth;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A Klaviyo private API key ({@code pk_...}). Validated on creation; {@link #toString()} never reveals it.
 *
 * <p>Klaviyo also issues a 6-character public API key (the "site id"). It authenticates nothing: it only
 * identifies the account to the {@code /client} endpoints, as a {@code company_id} query parameter. It is
 * rejected here with an explanation, because sending it as a credential always fails with 401.
 */
public final class ApiKey {
  /** {@code pk_} then 16 to 125 characters; Klaviyo's keys are {@code pk_} plus 34 hex digits today. */
  private static final Pattern PRIVATE_KEY = Pattern.compile("pk_[A-Za-z0-9_-]{16,125}");
  private static final Pattern PUBLIC_SITE_ID = Pattern.compile("[A-Za-z0-9]{6}");

  private final String value;

  private ApiKey(String value) {
    this.value = value;
  }

  /**
   * Validates {@code key} as a private API key.
   *
   * @param key the private API key, starting with {@code pk_}
   * @return the key
   * @throws KlaviyoValidationException naming the field {@code apiKey}; the message never contains the key
   */
  public static ApiKey of(String key) {
    if (key == null || key.isBlank()) {
      throw new KlaviyoValidationException("apiKey", "is required: pass a private API key (pk_...)");
    }
    if (!key.equals(key.strip())) {
      throw new KlaviyoValidationException("apiKey", "must not have leading or trailing whitespace");
    }
    if (PUBLIC_SITE_ID.matcher(key).matches()) {
      throw new KlaviyoValidationException("apiKey", "looks like a 6-character public API key (site id), which "
          + "cannot authenticate API calls; use a private API key (pk_...). The public key is only used as the "
          + "company_id query parameter of /client endpoints, sent without an Authorization header "
          + "(RawRequest.builder().excludeAuthorization(true)).");
    }
    if (!key.startsWith("pk_")) {
      throw new KlaviyoValidationException("apiKey", "must be a private API key starting with pk_");
    }
    if (!PRIVATE_KEY.matcher(key).matches()) {
      throw new KlaviyoValidationException("apiKey",
          "must be pk_ followed by 16 to 125 letters, digits, '_' or '-' (length was " + key.length() + ")");
    }
    return new ApiKey(key);
  }

  /** The {@code Authorization} header value. */
  String headerValue() {
    return "Klaviyo-API-Key " + value;
  }

  /** True if {@code other} holds the same key; compares in constant time. */
  @Override
  public boolean equals(Object other) {
    return other instanceof ApiKey that && MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Always {@code ApiKey[pk_***]}: the key itself is never printed. */
  @Override
  public String toString() {
    return "ApiKey[pk_***]";
  }
}
