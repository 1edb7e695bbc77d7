package io.github.kvsdk.klaviyo.oauth;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.time.Duration;
import java.time.Instant;

/**
 * An access token and the refresh token that renews it. {@link #toString()} redacts both tokens.
 *
 * @param accessToken the bearer token for API calls
 * @param refreshToken the token that obtains a new access token, or null if none was issued
 * @param expiresAt when the access token expires, or null if unknown (then it is refreshed only on a 401)
 * @param scope the granted scopes, space-separated, or null
 */
public record OAuthTokens(String accessToken, String refreshToken, Instant expiresAt, String scope) {
  /**
   * Creates tokens.
   *
   * @param accessToken the bearer token for API calls
   * @param refreshToken the refresh token, or null
   * @param expiresAt when the access token expires, or null if unknown
   * @param scope the granted scopes, space-separated, or null
   * @throws KlaviyoValidationException if the access token is missing
   */
  public OAuthTokens {
    if (accessToken == null || accessToken.isEmpty()) {
      throw new KlaviyoValidationException("accessToken", "is required");
    }
  }

  /**
   * {@return true if the access token expires within {@code skew} of {@code now}}
   *
   * @param skew how long before expiry counts as expiring
   * @param now the current time
   */
  public boolean expiresWithin(Duration skew, Instant now) {
    return expiresAt != null && !now.plus(skew).isBefore(expiresAt);
  }

  /**
   * {@return a copy with a different refresh token}
   *
   * @param newRefreshToken the new refresh token, or null to keep this one
   */
  public OAuthTokens withRefreshToken(String newRefreshToken) {
    return new OAuthTokens(accessToken, newRefreshToken, expiresAt, scope);
  }

  @Override
  public String toString() {
    return "OAuthTokens{accessToken=***, refreshToken=" + (refreshToken == null ? "null" : "***")
        + ", expiresAt=" + expiresAt + ", scope=" + scope + "}";
  }
}
