package io.github.kvsdk.klaviyo.sandbox.spec;

/**
 * One operation's quota from {@code x-klaviyo-ratelimit}: requests per second (burst), per minute
 * (steady) and, for a few operations, per day. Zero means no limit of that kind.
 */
public record RateLimit(int burstPerSecond, int steadyPerMinute, int dailyPerDay) {
  /** No limit at all; used for operations whose spec entry has no rate limit. */
  public static final RateLimit NONE = new RateLimit(0, 0, 0);

  static RateLimit parse(Object extension) {
    if (!(extension instanceof java.util.Map<?, ?> map)) {
      return NONE;
    }
    return new RateLimit(count(map.get("burst"), "/s"), count(map.get("steady"), "/m"), count(map.get("daily"), "/d"));
  }

  private static int count(Object value, String suffix) {
    if (!(value instanceof String s) || !s.endsWith(suffix)) {
      return 0;
    }
    return Integer.parseInt(s.substring(0, s.length() - suffix.length()).trim());
  }
}
