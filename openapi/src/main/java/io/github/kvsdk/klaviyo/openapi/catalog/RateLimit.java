package io.github.kvsdk.klaviyo.openapi.catalog;

import java.util.OptionalInt;

/**
 * A documented quota: requests per one-second burst window, per one-minute steady window and, for a few
 * operations, per day. Read from an operation's {@code x-klaviyo-ratelimit}, or from the sentence of its
 * description that states a stricter quota for requests asking for an additional field.
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

  /** {@return requests allowed per one-second window, such as 75 for {@code 75/s}} */
  public int burstPerSecond() {
    return burstPerSecond;
  }

  /** {@return requests allowed per one-minute window, such as 700 for {@code 700/m}} */
  public int steadyPerMinute() {
    return steadyPerMinute;
  }

  /** {@return requests allowed per day, if the operation has a daily cap} */
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
