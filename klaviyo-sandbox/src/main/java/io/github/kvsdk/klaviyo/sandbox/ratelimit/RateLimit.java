package io.github.kvsdk.klaviyo.sandbox.ratelimit;

/**
 * One operation's quota from {@code x-klaviyo-ratelimit}: requests per second (burst), per minute
 * (steady) and, for a few operations, per day. Zero means no limit of that kind.
 *
 * @param burstPerSecond requests allowed per second
 * @param steadyPerMinute requests allowed per minute
 * @param dailyPerDay requests allowed per day
 */
public record RateLimit(int burstPerSecond, int steadyPerMinute, int dailyPerDay) {}
