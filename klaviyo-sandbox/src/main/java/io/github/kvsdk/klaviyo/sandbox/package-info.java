/**
 * A local, in-memory, stateful emulator of the Klaviyo REST API for tests and demos.
 * 
 * <p>Start one with {@link io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox#start()} (or configure it with {@link
 * io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox#builder()}), point a client at its {@link io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox#baseUrl()} with its
 * {@link io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox#defaultApiKey()}, and inspect or arrange what it stores through {@link
 * io.github.kvsdk.klaviyo.sandbox.KlaviyoSandbox#state()}. The sub-packages hold its parts: stored objects, spec-driven validation,
 * filters and paging, rate limits, faults, OAuth and the command line.
 */
package io.github.kvsdk.klaviyo.sandbox;
