package io.github.kvsdk.klaviyo.errors;

/**
 * The root of every exception this SDK throws. Unchecked, like OkHttp's and Retrofit's callers expect from a
 * modern Java client.
 *
 * <p>Messages never contain credentials: API keys, OAuth tokens and client secrets are redacted at the source.
 */
public class KlaviyoException extends RuntimeException {
  /**
   * Creates the exception.
   *
   * @param message what went wrong; never a credential
   */
  public KlaviyoException(String message) {
    super(message);
  }

  /**
   * Creates the exception.
   *
   * @param message what went wrong; never a credential
   * @param cause the underlying failure
   */
  public KlaviyoException(String message, Throwable cause) {
    super(message, cause);
  }
}
