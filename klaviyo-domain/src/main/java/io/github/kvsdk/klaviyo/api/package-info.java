/**
 * Typed access to every operation of the pinned Klaviyo API revision, generated at build time from the spec.
 *
 * <p>One service per resource group, reached from the client ({@code client.profiles()}, {@code
 * client.metrics()}, {@code client.catalogs()}, ...), in a sub-package per group together with one {@code
 * ...Params} type per operation. Methods are named after Klaviyo's operation ids ({@code getProfiles},
 * {@code createEvent}); params name every input, so a revision that adds an optional input breaks no caller.
 * {@link io.github.kvsdk.klaviyo.api.RequestOptions} overrides timeouts, retries and validation per request.
 */
package io.github.kvsdk.klaviyo.api;
