package io.github.kvsdk.klaviyo.ratelimit;

import io.github.kvsdk.klaviyo.errors.KlaviyoValidationException;

/**
 * One operation's quota, as declared by the spec's {@code x-klaviyo-ratelimit}: a burst per second, a steady
 * rate per minute and, for a few operations, a daily cap.
 *
 * @param perSecond the burst limit, requests per 1 s window
 * @param perMinute the steady limit, requests per 60 s window
 * @param perDay the daily cap, or 0 when the operation has none
 */
public record Limit(int perSecond, int perMinute, int perDay) {
  /**
   * Checks the limits.
   *
   * @param perSecond the burst limit, requests per 1 s window; positive
   * @param perMinute the steady limit, requests per 60 s window; positive
   * @param perDay the daily cap, or 0 when the operation has none
   * @throws KlaviyoValidationException if {@code perSecond} or {@code perMinute} is not positive or {@code
   *     perDay} is negative
   */
  public Limit {
    if (perSecond <= 0) throw new KlaviyoValidationException("perSecond", "must be positive");
    if (perMinute <= 0) throw new KlaviyoValidationException("perMinute", "must be positive");
    if (perDay < 0) throw new KlaviyoValidationException("perDay", "must not be negative");
  }

  /**
   * {@return the limits the spec's strings state}
   *
   * @param burst the burst limit as the spec writes it, such as {@code "75/s"}
   * @param steady the steady limit as the spec writes it, such as {@code "700/m"}
   * @param daily the daily cap as the spec writes it, such as {@code "225/d"}; null when the operation has none
   * @throws KlaviyoValidationException if {@code burst} or {@code steady} is missing, or a value is not a
   *     positive count with the expected unit
   */
  public static Limit parse(String burst, String steady, String daily) {
    return new Limit(count("burst", burst, "s"), count("steady", steady, "m"),
        daily == null ? 0 : count("daily", daily, "d"));
  }

  private static int count(String field, String value, String unit) {
    if (value == null) throw new KlaviyoValidationException(field, "is required");
    String[] parts = value.trim().split("/");
    if (parts.length != 2 || !parts[1].equals(unit)) {
      throw new KlaviyoValidationException(field, "must look like N/" + unit + ", was " + value);
    }
    try {
      return Integer.parseInt(parts[0]);
    } catch (NumberFormatException e) {
      throw new KlaviyoValidationException(field, "must look like N/" + unit + ", was " + value);
    }
  }
}
