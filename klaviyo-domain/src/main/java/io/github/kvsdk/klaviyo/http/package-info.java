/**
 * Transport settings and helpers users see: timeouts, the logging context, and
 * {@link io.github.kvsdk.klaviyo.http.KlaviyoCalls} for running Retrofit calls with typed errors, sync or async.
 */
package io.github.kvsdk.klaviyo.http;
