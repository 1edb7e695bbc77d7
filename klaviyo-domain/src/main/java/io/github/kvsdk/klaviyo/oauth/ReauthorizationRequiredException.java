package io.github.kvsdk.klaviyo.oauth;

/**
 * The refresh token is dead (expired after 90 days unused, revoked, or the app was uninstalled) or missing: the
 * user must go through the authorization flow again. Klaviyo signals this with {@code invalid_grant}.
 */
public final class ReauthorizationRequiredException extends OAuthException {
  /**
   * Creates the exception.
   *
   * @param message why the user must authorize the app again
   * @param statusCode the HTTP status, or 0 when no request was made
   * @param error the OAuth {@code error} code, or null
   */
  public ReauthorizationRequiredException(String message, int statusCode, String error) {
    super(message, statusCode, error);
  }
}
