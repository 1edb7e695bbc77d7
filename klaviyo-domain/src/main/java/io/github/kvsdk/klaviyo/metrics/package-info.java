/**
 * Optional Micrometer meters for the client: calls, HTTP requests, retries, 429 responses and rate-limiter
 * waits, by operation. Turned on by {@code KlaviyoClient.builder().meterRegistry(registry)}; {@link
 * io.github.kvsdk.klaviyo.metrics.KlaviyoMeters} names them. Micrometer ({@code io.micrometer:micrometer-core})
 * is an optional dependency: add it to your build to use these meters; without a registry the client never
 * loads a Micrometer class.
 */
package io.github.kvsdk.klaviyo.metrics;
