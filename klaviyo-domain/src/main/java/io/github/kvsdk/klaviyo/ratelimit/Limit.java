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
  public Limit {
    if (perSecond <= 0) throw new KlaviyoValidationException("perSecond", "must be positive");
    if (perMinute <= 0) throw new KlaviyoValidationException("perMinute", "must be positive");
    if (perDay < 0) throw new KlaviyoValidationException("perDay", "must not be negative");
  }

  /** Parses the spec's strings, such as {@code "75/s"}, {@code "700/m"} and {@code "225/d"} (daily may be null). */
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
