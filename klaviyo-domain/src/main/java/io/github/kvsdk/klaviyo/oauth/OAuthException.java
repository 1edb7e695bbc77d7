package io.github.kvsdk.klaviyo.oauth;

import io.github.kvsdk.klaviyo.errors.KlaviyoException;

/** The token or revoke endpoint refused a request, with the OAuth {@code error} code it returned. */
public class OAuthException extends KlaviyoException {
  /** The HTTP status of the token endpoint's answer. */
  private final int statusCode;
  /** The OAuth {@code error} code. */
  private final String error;

  /**
   * Creates the exception.
   *
   * @param message what went wrong; never a token or secret
   * @param statusCode the HTTP status of the token endpoint's answer
   * @param error the OAuth {@code error} code, such as {@code invalid_grant}, or null
   */
  public OAuthException(String message, int statusCode, String error) {
    super(message);
    this.statusCode = statusCode;
    this.error = error;
  }

  /** {@return the HTTP status of the token endpoint's response} */
  public int statusCode() {
    return statusCode;
  }

  /** {@return the OAuth error code, such as {@code invalid_client}, or null if the body had none} */
  public String error() {
    return error;
  }
}
