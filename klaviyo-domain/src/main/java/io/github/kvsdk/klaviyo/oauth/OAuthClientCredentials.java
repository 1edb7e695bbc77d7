package io.github.kvsdk.klaviyo.oauth;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.nio.charset.StandardCharsets;
import okhttp3.Credentials;

/**
 * An OAuth app's client id and secret, sent as HTTP Basic authentication to the token and revoke endpoints.
 * {@link #toString()} shows the id only.
 */
public final class OAuthClientCredentials {
  private final String clientId;
  private final String clientSecret;

  private OAuthClientCredentials(String clientId, String clientSecret) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  /**
   * Validates both values: required, without whitespace or control characters.
   *
   * @param clientId the app's client id
   * @param clientSecret the app's client secret; never logged or shown by {@code toString()}
   * @return the credentials
   * @throws KlaviyoValidationException if a value is missing or holds whitespace or control characters
   */
  public static OAuthClientCredentials of(String clientId, String clientSecret) {
    return new OAuthClientCredentials(check("clientId", clientId), check("clientSecret", clientSecret));
  }

  /** {@return the app's client id} */
  public String clientId() {
    return clientId;
  }

  /** The {@code Authorization: Basic ...} header value. */
  String basicAuthorization() {
    return Credentials.basic(clientId, clientSecret, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "OAuthClientCredentials{clientId=" + clientId + ", clientSecret=***}";
  }

  private static String check(String field, String value) {
    if (value == null || value.isEmpty()) throw new KlaviyoValidationException(field, "is required");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c == 0x7f) {
        throw new KlaviyoValidationException(field, "must not contain whitespace or control characters");
      }
    }
    return value;
  }
}
