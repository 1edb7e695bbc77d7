package io.github.kvsdk.klaviyo.errors;

import java.io.IOException;

/** A connect, read, write or call timeout elapsed. The request may or may not have reached Klaviyo. */
public class KlaviyoTimeoutException extends KlaviyoNetworkException {
  /**
   * Creates the exception.
   *
   * @param message what timed out, such as the method and path
   * @param cause the timeout as OkHttp reported it
   */
  public KlaviyoTimeoutException(String message, IOException cause) {
    super(message, cause);
  }
}
