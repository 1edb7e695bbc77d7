package io.github.kvsdk.klaviyo.oauth;

import io.github.kvsdk.klaviyo.errors.KlaviyoException;

/** A {@link TokenStore} could not read or write its tokens. The message never contains a token. */
public final class TokenStoreException extends KlaviyoException {
  /**
   * Creates the exception.
   *
   * @param message what failed, naming the store but never a token
   * @param cause the I/O failure
   */
  public TokenStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
