package io.github.kvsdk.klaviyo.errors;

import java.io.IOException;

/** The request failed at the transport level (DNS, connect, reset, TLS) and no complete HTTP response arrived. */
public class KlaviyoNetworkException extends KlaviyoException {
  /**
   * Creates the exception.
   *
   * @param message what failed, such as the method and path
   * @param cause the I/O failure
   */
  public KlaviyoNetworkException(String message, IOException cause) {
    super(message, cause);
  }
}
