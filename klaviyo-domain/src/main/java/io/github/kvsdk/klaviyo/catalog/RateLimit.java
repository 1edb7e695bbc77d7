package io.github.kvsdk.klaviyo.catalog;

import java.util.OptionalInt;

/**
 * An operation's documented rate limit, from the spec's {@code x-klaviyo-ratelimit}.
 *
 * <p>Klaviyo counts requests in fixed windows per account and credential: a one-second burst window and a
 * one-minute steady window. A few operations also have a daily cap.
 */
public final class RateLimit {
  private final int burstPerSecond;
  private final int steadyPerMinute;
  private final int dailyLimit;

  RateLimit(int burstPerSecond, int steadyPerMinute, int dailyLimit) {
    this.burstPerSecond = burstPerSecond;
    this.steadyPerMinute = steadyPerMinute;
    this.dailyLimit = dailyLimit;
  }

  /**
   * Requests allowed per one-second window, such as 75 for {@code 75/s}.
   *
   * @return how many requests a second the burst window allows
   */
  public int burstPerSecond() {
    return burstPerSecond;
  }

  /**
   * Requests allowed per one-minute window, such as 700 for {@code 700/m}.
   *
   * @return how many requests a minute the steady window allows
   */
  public int steadyPerMinute() {
    return steadyPerMinute;
  }

  /**
   * Requests allowed per day, if the operation has a daily cap (for example image upload: 100).
   *
   * @return the daily limit, if Klaviyo publishes one
   */
  public OptionalInt dailyLimit() {
    return dailyLimit > 0 ? OptionalInt.of(dailyLimit) : OptionalInt.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RateLimit that
        && burstPerSecond == that.burstPerSecond
        && steadyPerMinute == that.steadyPerMinute
        && dailyLimit == that.dailyLimit;
  }

  @Override
  public int hashCode() {
    return (burstPerSecond * 31 + steadyPerMinute) * 31 + dailyLimit;
  }

  @Override
  public String toString() {
    return burstPerSecond + "/s, " + steadyPerMinute + "/m" + (dailyLimit > 0 ? ", " + dailyLimit + "/d" : "");
  }
}
