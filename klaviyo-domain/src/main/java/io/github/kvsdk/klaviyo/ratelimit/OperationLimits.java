package io.github.kvsdk.klaviyo.ratelimit;

import java.util.Optional;

/**
 * Finds the rate limit for a request. The default, {@link RateLimiterConfig#defaults()}{@code
 * .operationLimits()}, knows every operation's documented limit from the catalogue built into this library;
 * other implementations (such as one that scales or overrides those limits) can be plugged into {@link
 * RateLimiterConfig.Builder#operationLimits}.
 */
@FunctionalInterface
public interface OperationLimits {
  /**
   * {@return the limit for {@code method} (upper case) on {@code encodedPath} (such as
   * {@code /api/profiles/01H...}), or empty for requests with no declared limit, which pass unthrottled}
   *
   * @param method the HTTP method in upper case, such as {@code GET}
   * @param encodedPath the request's encoded path, without the query
   */
  Optional<OperationLimit> forRequest(String method, String encodedPath);
}
