/**
 * Klaviyo's per-operation rate limits (burst and steady windows) as the sandbox enforces them, with
 * {@code 429} answers and {@code Retry-After}.
 */
package io.github.kvsdk.klaviyo.sandbox.ratelimit;
