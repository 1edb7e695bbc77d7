package io.github.kvsdk.klaviyo.sandbox.spec;

/**
 * One operation's quota from {@code x-klaviyo-ratelimit}: requests per second (burst), per minute
 * (steady) and, for a few operations, per day. Zero means no limit of that kind.
 */
public record RateLimit(int burstPerSecond, int steadyPerMinute, int dailyPerDay) {
  /** The quota the spec's operation catalogue states. */
  static RateLimit of(io.github.kvsdk.klaviyo.openapi.catalog.RateLimit limit) {
    return new RateLimit(limit.burstPerSecond(), limit.steadyPerMinute(), limit.dailyLimit().orElse(0));
  }
}
