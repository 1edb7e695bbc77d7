package io.github.kvsdk.klaviyo.http;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;
import java.time.Duration;

/** The one rule for every timeout the SDK takes, on the client and per request. */
public final class Timeouts {
  /** The longest timeout accepted: longer ones are almost always a unit mistake. */
  public static final Duration MAX = Duration.ofHours(1);

  private Timeouts() {}

  /**
   * {@return {@code timeout} if it is zero (no timeout) or positive and at most {@link #MAX}}
   *
   * @param field the setting, named in the error
   * @param timeout the timeout
   * @throws KlaviyoValidationException naming {@code field} otherwise
   */
  public static Duration check(String field, Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      throw new KlaviyoValidationException(field, "must be zero (no timeout) or positive");
    }
    if (timeout.compareTo(MAX) > 0) {
      throw new KlaviyoValidationException(field, "must be at most 1 hour");
    }
    return timeout;
  }
}
