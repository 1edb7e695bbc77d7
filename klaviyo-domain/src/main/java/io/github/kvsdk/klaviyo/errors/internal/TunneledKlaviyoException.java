package io.github.kvsdk.klaviyo.errors.internal;

import io.github.kvsdk.klaviyo.errors.KlaviyoException;
import java.io.IOException;

/**
 * Carries a {@link KlaviyoException} through OkHttp's interceptor chain, which only propagates
 * {@link IOException}s cleanly to asynchronous callbacks. {@link KlaviyoErrorMapper#fromIOException} unwraps it,
 * so callers see the original typed exception. Advanced API for interceptors; users never see this type.
 */
public final class TunneledKlaviyoException extends IOException {
  /**
   * Wraps {@code cause} to pass it through OkHttp.
   *
   * @param cause the typed exception callers will see
   */
  public TunneledKlaviyoException(KlaviyoException cause) {
    super(cause.getMessage(), cause);
  }

  /** {@return the exception to rethrow at the call site} */
  public KlaviyoException klaviyoException() {
    return (KlaviyoException) getCause();
  }
}
