/**
 * The client-side, per-operation rate limiter fed by the spec's {@code x-klaviyo-ratelimit} and Klaviyo's
 * {@code RateLimit-*} headers. See {@link io.github.kvsdk.klaviyo.ratelimit.ClientRateLimiter}.
 */
package io.github.kvsdk.klaviyo.ratelimit;
