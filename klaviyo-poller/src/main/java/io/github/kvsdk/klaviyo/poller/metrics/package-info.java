/**
 * Optional Micrometer meters for the poller: pages, objects, polls, errors, lag behind now and checkpoint age,
 * per object type. Turned on by {@code Poller.builder().meterRegistry(registry)}; {@link
 * io.github.kvsdk.klaviyo.poller.metrics.PollerMeters} names them. Micrometer ({@code
 * io.micrometer:micrometer-core}) is an optional dependency: add it to your build to use these meters.
 */
package io.github.kvsdk.klaviyo.poller.metrics;
